{#
    Per listener, UTC day, device and country: plays, streams, time listened, skips and playlist
    adds. What listening_time, listener_segments and retention_cohorts roll up from. Incremental on
    the keys that new rows of int_listened_events touch, adding what changed to what it holds
    (macros/listening_changes.sql). Its index leads with the listener, whom
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

{%- set keys = ['event_date', 'user_id', 'device_type', 'country'] %}
{%- set measures = ['events'] + (listening_measures().split(', ') | list) %}

with

{% if is_incremental() %}
recounted as (

    {{ recounted_keys(ref('int_listened_events'), this, keys) }}

),
{% endif %}

events as (

    {% if is_incremental() %}
    {{ signed_listening_rows(ref('int_listened_events'), this, keys, 'recounted') }}
    {% else %}
    select *, 1 as _sign from {{ ref('int_listened_events') }}
    {% endif %}

),

counted as (

    select
        event_date,
        user_id,
        device_type,
        country,
        cast(sum(_sign) as bigint) as events,
        {{ count_listening('_sign') }},
        max(_transformed_at) as _transformed_at

    from events
    group by event_date, user_id, device_type, country

),

final as (

    {% if is_incremental() %}
    {{ added_to_held('counted', this, keys, keys, measures, 'recounted') }}
    {% else %}
    select * from counted
    {% endif %}

)

select * from final
