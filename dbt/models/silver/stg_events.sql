{#
    Incremental: each run re-reads the bronze rows loaded since the newest row already here, minus
    a lookback (var late_data_lookback_hours) for loads that committed late, and replaces those
    events (delete+insert on event_id, which dbt implements the same way on every warehouse).
    Run with --full-refresh after bronze rows were deleted or replaced.
#}
{{
    config(
        materialized='incremental',
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

valid_events as (

    select * from {{ ref('base_spotify_events') }}
    where reject_reason is null
    {% if is_incremental() %}
        and _loaded_at >= (
            select coalesce(max(_loaded_at), cast('1900-01-01 00:00:00' as timestamp))
            from {{ this }}
        ) - interval '{{ var("late_data_lookback_hours") }} hours'
    {% endif %}

),

ranked as (

    -- the first load of an event wins; object and line break ties, so every run picks the same row
    select
        *,
        row_number() over (
            partition by event_id
            order by _loaded_at, _source_object, _line_number
        ) as load_order

    from valid_events

),

deduplicated as (

    select * from ranked
    where load_order = 1

),

new_or_earlier as (

    select * from deduplicated
    {% if is_incremental() %}
    -- an event already here from an earlier load stays as it is: a replay outside the lookback
    -- must not replace it
    where not exists (
        select 1
        from {{ this }} as existing
        where existing.event_id = deduplicated.event_id
            and existing._loaded_at < deduplicated._loaded_at
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
        position_ms,
        duration_ms,
        cast(coalesce(schema_version_number, 1) as integer) as schema_version,
        _source_object,
        _line_number,
        _loaded_at

    from new_or_earlier

)

select * from final
