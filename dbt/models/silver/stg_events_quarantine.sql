{#
    Every bronze row that is not a silver event, with the reason, so nothing is lost silently:
    bronze rows = stg_events rows + these rows (tests/assert_bronze_rows_are_all_accounted_for.sql).
    A valid row is a duplicate when stg_events keeps a copy of its event loaded before it, so both
    models follow one rule; a valid row silver has not taken in yet waits for a later run.
    A run judges the load batches int_load_batches listed since it last ran, and again the copies
    of the events silver took in since then: when a late-committed batch brought an earlier copy
    of an event, silver keeps that one, and the copy it kept before becomes a duplicate.
#}
{{
    config(
        unique_key=['_source_object', '_line_number'],
        indexes=[{'columns': ['_source_object', '_line_number']}]
    )
}}

with

-- bronze and stg_events are read where each narrows them, not through an import CTE: PostgreSQL
-- materializes a CTE read more than once, which would copy the whole table
load_batches as (

    select * from {{ ref('int_load_batches') }}

),

{% if is_incremental() %}
judged_through as (

    -- the newest silver stamp when this model last ran
    select coalesce(max(_transformed_at), cast('1900-01-01 00:00:00' as timestamp)) as transformed_at
    from {{ this }}

),

new_batches as (

    select _loaded_at from load_batches
    where _transformed_at > (select transformed_at from judged_through)

),

new_silver_events as (

    select event_id, _loaded_at from {{ ref('stg_events') }}
    where _transformed_at > (select transformed_at from judged_through)

),

batches_with_later_copies as (

    -- judged before, and stamped no earlier than the earliest event silver took in since: silver
    -- keeps the first load of an event, so only these can hold a copy that has become a duplicate
    select _loaded_at from load_batches
    where _transformed_at <= (select transformed_at from judged_through)
        and _loaded_at >= (select min(_loaded_at) from new_silver_events)

),
{% endif %}

bronze_rows as (

    select * from {{ source('bronze', 'spotify_events') }}
    {% if is_incremental() %}
    where {{ in_load_batches('new_batches') }}

    union all

    select * from {{ source('bronze', 'spotify_events') }}
    where {{ in_load_batches('batches_with_later_copies') }}
        and event_id in (select event_id from new_silver_events)
    {% endif %}

),

typed as (

    select
        *,
        {{ typed_bronze_columns() }}

    from bronze_rows

),

judged as (

    select
        *,
        {{ reject_reason() }} as reject_reason

    from typed

),

valid_rows as (

    select * from judged
    where reject_reason is null

),

kept_copies as (

    -- silver's copy of each valid row's event, however old (a replay can copy an event of any age);
    -- PostgreSQL finds them through silver's event_id index
    select event_id, _source_object, _line_number, _loaded_at from {{ ref('stg_events') }}
    {% if is_incremental() %}
    where event_id in (select event_id from valid_rows)
    {% endif %}

),

duplicates as (

    -- silver keeps a copy loaded before this one (earliest _loaded_at, then object, then line, as
    -- stg_events ranks); not "any row silver did not keep", since silver may not have the batch yet
    select * from valid_rows
    where exists (
        select 1
        from kept_copies
        where kept_copies.event_id = valid_rows.event_id
            and (
                kept_copies._loaded_at < valid_rows._loaded_at
                or (kept_copies._loaded_at = valid_rows._loaded_at
                    and (kept_copies._source_object < valid_rows._source_object
                        or (kept_copies._source_object = valid_rows._source_object
                            and kept_copies._line_number < valid_rows._line_number)))
            )
    )

),

quarantined as (

    select * from judged
    where reject_reason is not null

    union all

    select * from duplicates

),

final as (

    select
        _source_object,
        _line_number,
        -- the valid rows here are the duplicates
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
        (select max(_transformed_at) from {{ ref('stg_events') }}) as _transformed_at

    from quarantined

)

select * from final
