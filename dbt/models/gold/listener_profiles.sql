{#
    One row per listener: the country and the device most of their events come from (a tie goes
    to the one used last, then to the first in alphabetical order, so a rebuild never flips it),
    and when they were first and last seen. The listener_profiles_snapshot snapshot keeps its
    history as a slowly changing dimension. Incremental on user_id: a run recomputes the listeners
    whose user_engagement rows are new to it, from all their days, and leaves everyone else as they
    are (a full rebuild read every listener's days on every micro-batch).
#}
{{
    config(
        materialized='incremental',
        unique_key='user_id',
        indexes=[{'columns': ['user_id']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

days as (

    {% if is_incremental() %}
    {{ touched_silver_rows(ref('user_engagement'), this, ['user_id']) }}
    {% else %}
    select * from {{ ref('user_engagement') }}
    {% endif %}

),

-- each listener's events per country and per device, ranked the same way
listener_usage as (

    select user_id, 'country' as attribute, country as attribute_value, sum(events) as events, max(last_event_at) as last_event_at
    from days
    group by user_id, country

    union all

    select user_id, 'device' as attribute, device_type as attribute_value, sum(events) as events, max(last_event_at) as last_event_at
    from days
    group by user_id, device_type

),

preferred as (

    select user_id, attribute, attribute_value
    from (
        select
            user_id,
            attribute,
            attribute_value,
            row_number() over (partition by user_id, attribute order by events desc, last_event_at desc, attribute_value) as preference
        from listener_usage
    ) ranked
    where preference = 1

),

seen as (

    select
        user_id,
        min(first_event_at) as first_seen_at,
        max(last_event_at) as last_seen_at,
        sum(events) as events,
        max(_transformed_at) as _transformed_at
    from days
    group by user_id

),

final as (

    select
        seen.user_id,
        home_country.attribute_value as home_country,
        preferred_device.attribute_value as preferred_device,
        seen.first_seen_at,
        seen.last_seen_at,
        seen.events,
        seen._transformed_at

    from seen
    inner join preferred as home_country
        on home_country.user_id = seen.user_id and home_country.attribute = 'country'
    inner join preferred as preferred_device
        on preferred_device.user_id = seen.user_id and preferred_device.attribute = 'device'

)

select * from final
