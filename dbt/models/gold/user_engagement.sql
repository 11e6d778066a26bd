{#
    Incremental, delete+insert on (user_id, event_date, device_type, country): a run recomputes
    the listener days the new silver rows touch, from all their silver rows (distinct songs cannot
    be added up), and leaves every other row as it is.
#}
{{
    config(
        materialized='incremental',
        unique_key=['user_id', 'event_date', 'device_type', 'country'],
        indexes=[{'columns': ['user_id', 'event_date', 'device_type', 'country']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

events as (

    {% if is_incremental() %}
    {{ touched_silver_rows(ref('stg_events'), this, ['user_id', 'event_date', 'device_type', 'country']) }}
    {% else %}
    select * from {{ ref('stg_events') }}
    {% endif %}

),

daily_counts as (

    select
        user_id,
        event_date,
        device_type,
        country,
        {{ count_event_types() }},
        count(distinct song_id) as unique_songs,
        min(event_at) as first_event_at,
        max(event_at) as last_event_at,
        max(_transformed_at) as _transformed_at

    from events
    group by user_id, event_date, device_type, country

),

final as (

    select
        user_id,
        event_date,
        -- the original's column (a timestamp at midnight UTC), kept so existing reports still bind
        cast(event_date as timestamp) as day,
        device_type,
        country,
        events,
        plays,
        skips,
        pauses,
        playlist_adds,
        {{ safe_divide('skips', 'plays + skips') }} as skip_rate,
        unique_songs,
        first_event_at,
        last_event_at,
        _transformed_at

    from daily_counts

)

select * from final
