{#
    One row per listener: the country and the device most of their events come from (a tie goes
    to the one used last, then to the first in alphabetical order, so a rebuild never flips it),
    and when they were first and last seen. The listener_profiles_snapshot snapshot keeps its
    history as a slowly changing dimension.
#}

with

days as (

    select * from {{ ref('user_engagement') }}

),

by_country as (

    select user_id, country, sum(events) as events, max(last_event_at) as last_event_at
    from days
    group by user_id, country

),

by_device as (

    select user_id, device_type, sum(events) as events, max(last_event_at) as last_event_at
    from days
    group by user_id, device_type

),

home_country as (

    select user_id, country
    from (
        select
            user_id,
            country,
            row_number() over (partition by user_id order by events desc, last_event_at desc, country) as preference
        from by_country
    ) ranked
    where preference = 1

),

preferred_device as (

    select user_id, device_type
    from (
        select
            user_id,
            device_type,
            row_number() over (partition by user_id order by events desc, last_event_at desc, device_type) as preference
        from by_device
    ) ranked
    where preference = 1

),

seen as (

    select user_id, min(first_event_at) as first_seen_at, max(last_event_at) as last_seen_at, sum(events) as events
    from days
    group by user_id

),

final as (

    select
        seen.user_id,
        home_country.country as home_country,
        preferred_device.device_type as preferred_device,
        seen.first_seen_at,
        seen.last_seen_at,
        seen.events

    from seen
    inner join home_country on home_country.user_id = seen.user_id
    inner join preferred_device on preferred_device.user_id = seen.user_id

)

select * from final
