{#
    One row per event_id, typed and checked; the first load of an event wins (earliest _loaded_at,
    then object key, then line). A run takes in the load batches int_load_batches listed since it
    last ran, and an event already here from an earlier load stays as it is. Every row written
    gets _transformed_at, the run's clock: the watermark of every incremental model downstream.
#}
{{
    config(
        unique_key='event_id',
        indexes=[{'columns': ['event_id']}]
    )
}}

with

load_batches as (

    select * from {{ ref('int_load_batches') }}

),

{% if is_incremental() %}
new_batches as (

    select _loaded_at from load_batches
    where _transformed_at > (
        select coalesce(max(_transformed_at), cast('1900-01-01 00:00:00' as timestamp)) from {{ this }}
    )

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

valid_events as (

    select * from typed
    where {{ reject_reason() }} is null

),

ranked as (

    -- object and line break ties, so every run keeps the same copy
    select
        *,
        row_number() over (
            partition by event_id
            order by _loaded_at, _source_object, _line_number
        ) as load_order

    from valid_events

),

first_loads as (

    select * from ranked
    where load_order = 1
    {% if is_incremental() %}
        -- a replay of an event kept from an earlier load must not replace it
        and not exists (
            select 1
            from {{ this }} as existing
            where existing.event_id = ranked.event_id
                and existing._loaded_at < ranked._loaded_at
        )
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

    from first_loads

)

select * from final
