{#
    Per UTC hour and country, the events split by the hour on the listeners' clocks: the country's
    time zone (country_time_zones; UTC for a country not listed) applied to each event, daylight
    saving included, so a zone half an hour off UTC splits a UTC hour in two. What
    activity_heatmap rolls up from. Incremental on the (UTC day, hour, country) new rows touch,
    adding what changed to what it holds (macros/listening_changes.sql), so a micro-batch costs
    its changed rows, not the hour it lands in.
#}
{{
    config(
        materialized='incremental',
        unique_key=['event_date', 'event_hour', 'country'],
        indexes=[{'columns': ['event_date', 'event_hour', 'country']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

{%- set keys = ['event_date', 'event_hour', 'country'] %}
{%- set groups = ['event_date', 'event_hour', 'country', 'local_date', 'local_hour'] %}
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

country_time_zones as (

    select * from {{ ref('country_time_zones') }}

),

localized as (

    select
        events.*,
        {{ local_timestamp('events.event_at', "coalesce(country_time_zones.time_zone, 'UTC')") }} as local_at

    from events
    left join country_time_zones
        on country_time_zones.country = events.country

),

counted as (

    select
        event_date,
        event_hour,
        country,
        cast(local_at as date) as local_date,
        cast(extract(hour from local_at) as integer) as local_hour,
        cast(sum(_sign) as bigint) as events,
        {{ count_listening('_sign') }},
        max(_transformed_at) as _transformed_at

    from localized
    group by event_date, event_hour, country, cast(local_at as date), cast(extract(hour from local_at) as integer)

),

final as (

    {% if is_incremental() %}
    {{ added_to_held('counted', this, keys, groups, measures, 'recounted') }}
    {% else %}
    select * from counted
    {% endif %}

)

select * from final
