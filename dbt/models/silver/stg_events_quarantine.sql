{#
    Every bronze row that is not a silver event, with the reason: bronze rows = stg_events rows +
    these rows (tests/assert_bronze_rows_are_all_accounted_for.sql). A valid row is a duplicate
    when silver keeps a copy of its event loaded before it. A run judges the batches
    int_load_batches listed since it last ran, and again the older copies of the events silver took
    in since: a late-committed batch can bring an earlier copy, which makes the kept one a duplicate.
#}
{{
    config(
        unique_key=['_source_object', '_line_number'],
        indexes=[{'columns': ['_source_object', '_line_number']}, {'columns': ['_transformed_at']}]
    )
}}

-- the load batches are read on incremental runs only; dbt finds a model's refs with
-- is_incremental() false, so it is told of this one here
-- depends_on: {{ ref('int_load_batches') }}

with

-- bronze and stg_events are read where each narrows them: PostgreSQL copies a CTE read twice
{% if is_incremental() %}
new_batches as (

    select _loaded_at from {{ ref('int_load_batches') }}
    where {{ silver_rows_since(this) }}

),

new_silver_events as (

    select event_id, _loaded_at from {{ ref('stg_events') }}
    where {{ silver_rows_since(this) }}

),

judged_batches_with_copies as (

    -- judged before, and loaded no earlier than an event silver took in since
    select _loaded_at from {{ ref('int_load_batches') }}
    where not ({{ silver_rows_since(this) }})
        and _loaded_at >= (select min(_loaded_at) from new_silver_events)

),
{% endif %}

bronze_rows as (

    select * from {{ source('bronze', 'spotify_events') }}
    {% if is_incremental() %}
    where {{ in_load_batches('new_batches') }}

    union all

    select * from {{ source('bronze', 'spotify_events') }}
    where {{ in_load_batches('judged_batches_with_copies') }}
        and event_id in (select event_id from new_silver_events)
    {% endif %}

),

judged as (

    select
        *,
        {{ reject_reason() }} as reject_reason

    from (select *, {{ typed_bronze_columns() }} from bronze_rows) as typed

),

quarantined as (

    -- a valid row is a duplicate when silver keeps a copy of its event loaded before it, of any
    -- age (a replay can copy an old event): PostgreSQL probes the event_id index row by row
    select * from judged
    where reject_reason is not null
        or exists (
            select 1
            from {{ ref('stg_events') }} as kept_copies
            where kept_copies.event_id = judged.event_id
                and {{ loaded_before('kept_copies', 'judged') }}
        )

),

final as (

    select
        _source_object,
        _line_number,
        coalesce(reject_reason, 'duplicate_event_id') as reject_reason,
        event_id,
        user_id,
        song_id,
        artist_name,
        song_name,
        event_type,
        device_type,
        country,
        {{ bronze_column('timestamp') }} as event_timestamp,
        session_id,
        position_ms,
        duration_ms,
        schema_version,
        _raw,
        _loaded_at,
        -- the newest silver stamp this run judged against: this model's watermark
        (select max(_transformed_at) from {{ ref('stg_events') }}) as _transformed_at,
        -- what bronze's field columns do not hold: without _raw, the only copy of those members
        -- in the warehouse; last, where a quarantine built before it gains the column
        {{ bronze_rescued('quarantined') }} as _rescued

    from quarantined

)

select * from final
