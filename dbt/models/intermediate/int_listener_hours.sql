{#
    Event counts per listener, UTC hour, device and country: the small aggregate the all-time
    engagement marts and event_type_distribution roll up from (about listeners x 24 rows a day).
    Incremental on the keys new silver rows touch: their counts are added to the held row
    (macros/keyed_silver_changes.sql).
#}
{{
    config(
        materialized='incremental',
        unique_key=['event_date', 'event_hour', 'user_id', 'device_type', 'country'],
        indexes=[{'columns': ['event_date', 'event_hour', 'user_id', 'device_type', 'country']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

-- depends_on: {{ ref('int_listened_events') }}

{% set keys = ['event_date', 'event_hour', 'user_id', 'device_type', 'country'] %}

with

{% if is_incremental() %}
{{ keyed_silver_changes(ref('stg_events'), this, keys) }},
{% endif %}

counted as (

    select
        event_date,
        event_hour,
        date_trunc('hour', min(event_at)) as event_hour_at,
        user_id,
        device_type,
        country,
        {{ count_event_types() }},
        min(event_at) as first_event_at,
        max(event_at) as last_event_at,
        max(_transformed_at) as _transformed_at

    from {% if is_incremental() %}counted_silver_rows{% else %}{{ ref('stg_events') }}{% endif %}
    group by event_date, event_hour, user_id, device_type, country

),

{% if is_incremental() %}
final as (

    select
        event_date,
        event_hour,
        min(event_hour_at) as event_hour_at,
        user_id,
        device_type,
        country,
        {{ sum_event_types() }},
        min(first_event_at) as first_event_at,
        max(last_event_at) as last_event_at,
        max(_transformed_at) as _transformed_at

    from (
        select * from counted
        union all
        select event_date, event_hour, event_hour_at, user_id, device_type, country,
            events, plays, skips, pauses, playlist_adds, first_event_at, last_event_at, _transformed_at
        from held_rows
    ) as counts
    group by event_date, event_hour, user_id, device_type, country

)
{% else %}
final as (

    select * from counted

)
{% endif %}

select * from final
