{#
    Event counts per listener, UTC hour, device and country: the small aggregate the all-time
    engagement marts and event_type_distribution roll up from (about listeners x 24 rows a day).
    Incremental: recomputes the keys the new silver rows touch, from all their silver rows.
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

with

events as (

    {% if is_incremental() %}
    {{ touched_silver_rows(ref('stg_events'), this, ['event_date', 'event_hour', 'user_id', 'device_type', 'country']) }}
    {% else %}
    select * from {{ ref('stg_events') }}
    {% endif %}

),

final as (

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

    from events
    group by event_date, event_hour, user_id, device_type, country

)

select * from final
