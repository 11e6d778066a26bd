{#
    Per listener, UTC day, device and country: plays, streams, time listened, skips and playlist
    adds. What listening_time, listener_segments and retention_cohorts roll up from. Incremental on
    the keys that new rows of int_listened_events touch. Its index leads with the listener, whom
    listening_time looks rows up by (led by event_date, each lookup read the whole index).
#}
{{
    config(
        materialized='incremental',
        unique_key=['event_date', 'user_id', 'device_type', 'country'],
        indexes=[{'columns': ['user_id', 'event_date', 'device_type', 'country']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

events as (

    {% if is_incremental() %}
    {{ touched_silver_rows(ref('int_listened_events'), this, ['event_date', 'user_id', 'device_type', 'country']) }}
    {% else %}
    select * from {{ ref('int_listened_events') }}
    {% endif %}

),

final as (

    select
        event_date,
        user_id,
        device_type,
        country,
        count(*) as events,
        {{ count_listening() }},
        max(_transformed_at) as _transformed_at

    from events
    group by event_date, user_id, device_type, country

)

select * from final
