{#
    When people listen: a 7 x 24 grid (ISO day of the week, 1 = Monday, by hour of the day) over
    all days, once on the UTC clock and once on the listeners' own clocks (the time zone of their
    country, daylight saving included: country_time_zones). Rolled up from int_activity_hours; a
    table of at most 336 rows, rebuilt from that small aggregate. A cell with no event has no row.
#}
with

activity_hours as (

    select * from {{ ref('int_activity_hours') }}

),

on_both_clocks as (

    select
        'utc' as clock,
        {{ iso_weekday('event_date') }} as day_of_week,
        event_hour as hour_of_day,
        activity_hours.*

    from activity_hours

    union all

    select
        'local' as clock,
        {{ iso_weekday('local_date') }} as day_of_week,
        local_hour as hour_of_day,
        activity_hours.*

    from activity_hours

),

cells as (

    select
        clock,
        day_of_week,
        hour_of_day,
        cast(sum(events) as bigint) as events,
        {{ sum_listening() }}

    from on_both_clocks
    group by clock, day_of_week, hour_of_day

),

final as (

    select
        clock,
        day_of_week,
        hour_of_day,
        events,
        plays,
        streams,
        listened_ms,
        {{ minutes_from_ms('listened_ms') }} as listened_minutes,
        skips,
        {{ safe_divide('skips', 'plays + skips') }} as skip_rate,
        {{ safe_divide('streams', 'sum(streams) over (partition by clock)') }} as stream_share

    from cells

)

select * from final
