{#
    One row per event_id, typed and checked; the first load of an event wins (earliest _loaded_at,
    then object key, then line). A run takes in the load batches int_load_batches listed since it
    last ran; a copy of an event silver holds replaces it only when loaded before it (a batch that
    committed late). Every row written gets _transformed_at, the run's clock: the watermark of
    every incremental model downstream, which finds the new rows through its index.
#}
{{
    config(
        unique_key='event_id',
        indexes=[{'columns': ['event_id']}, {'columns': ['_transformed_at']}]
    )
}}

with

load_batches as (

    select * from {{ ref('int_load_batches') }}

),

{% if is_incremental() %}
new_batches as (

    select _loaded_at from load_batches
    where {{ silver_rows_since(this) }}

),
{% endif %}

bronze_rows as (

    select * from {{ source('bronze', 'spotify_events') }}
    {% if is_incremental() %}
    where {{ in_load_batches('new_batches') }}
    {% endif %}

),

typed as (

    select
        *,
        {{ typed_bronze_columns() }}

    from bronze_rows

),

ranked as (

    -- object and line break ties, so every run keeps the same copy
    select
        *,
        row_number() over (
            partition by event_id
            order by _loaded_at, _source_object, _line_number
        ) as load_order

    from typed
    where {{ reject_reason() }} is null

),

first_loads as (

    select * from ranked
    where load_order = 1

),

{% if is_incremental() %}
kept_copies as (

    -- read once, by the join below: silver's copy of each new event, of any age (a replay can
    -- copy an old event), which PostgreSQL finds through the event_id index row by row
    select event_id, _source_object, _line_number, _loaded_at from {{ this }}

),
{% endif %}

new_events as (

    select first_loads.*
    from first_loads
    {% if is_incremental() %}
    left join kept_copies
        on kept_copies.event_id = first_loads.event_id
    where kept_copies.event_id is null
        or {{ loaded_before('first_loads', 'kept_copies') }}
    {% endif %}

),

final as (

    select
        event_id,
        user_id,
        song_id,
        artist_name,
        song_name,
        event_type,
        coalesce(nullif(trim(device_type), ''), 'unknown') as device_type,
        coalesce(nullif(trim(country), ''), 'unknown') as country,
        event_at,
        cast(event_at as date) as event_date,
        cast(extract(hour from event_at) as integer) as event_hour,
        session_id,
        position_ms_number as position_ms,
        duration_ms_number as duration_ms,
        cast(coalesce(schema_version_number, 1) as integer) as schema_version,
        _source_object,
        _line_number,
        _loaded_at,
        {{ transform_timestamp() }} as _transformed_at

    from new_events

)

select * from final
