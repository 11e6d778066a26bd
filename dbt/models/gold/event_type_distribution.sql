{#
    Counts and shares of each event type per hour and per day (period_grain), with the change
    against the period just before. Every event type gets a row in every period that has events,
    zero when it did not occur, so shares add up to 1 and trends compare like with like.
    Rolled up from int_listener_hours (a few rows per listener and hour), not from silver.
#}
with

listener_hours as (

    select * from {{ ref('int_listener_hours') }}

),

hours as (

    select
        event_hour_at,
        cast(sum(plays) as bigint) as plays,
        cast(sum(skips) as bigint) as skips,
        cast(sum(pauses) as bigint) as pauses,
        cast(sum(playlist_adds) as bigint) as playlist_adds

    from listener_hours
    group by event_hour_at

),

hourly_counts as (

    -- one row per hour and event type that occurred in it
    select event_hour_at, 'play' as event_type, plays as event_count from hours where plays > 0
    union all
    select event_hour_at, 'pause', pauses from hours where pauses > 0
    union all
    select event_hour_at, 'skip', skips from hours where skips > 0
    union all
    select event_hour_at, 'add_to_playlist', playlist_adds from hours where playlist_adds > 0

),

event_types as (

    select distinct event_type from hourly_counts

),

counts as (

    select
        'hour' as period_grain,
        event_hour_at as period_start_at,
        event_type,
        event_count
    from hourly_counts

    union all

    select
        'day' as period_grain,
        date_trunc('day', event_hour_at) as period_start_at,
        event_type,
        cast(sum(event_count) as bigint) as event_count
    from hourly_counts
    group by date_trunc('day', event_hour_at), event_type

),

periods as (

    select distinct period_grain, period_start_at from counts

),

filled as (

    select
        periods.period_grain,
        periods.period_start_at,
        event_types.event_type,
        coalesce(counts.event_count, 0) as event_count

    from periods
    cross join event_types
    left join counts
        on counts.period_grain = periods.period_grain
        and counts.period_start_at = periods.period_start_at
        and counts.event_type = event_types.event_type

),

with_shares as (

    select
        *,
        cast(sum(event_count) over (partition by period_grain, period_start_at) as bigint) as period_event_count,
        {{ safe_divide('event_count', 'sum(event_count) over (partition by period_grain, period_start_at)') }} as event_share,
        case period_grain
            when 'hour' then period_start_at - interval '1 hour'
            else period_start_at - interval '1 day'
        end as previous_period_start_at

    from filled

),

final as (

    select
        current_period.period_grain,
        current_period.period_start_at,
        current_period.event_type,
        current_period.event_count,
        current_period.period_event_count,
        current_period.event_share,
        -- null when the previous period had no events at all
        previous_period.event_count as previous_event_count,
        current_period.event_count - previous_period.event_count as event_count_change,
        previous_period.event_share as previous_event_share,
        current_period.event_share - previous_period.event_share as event_share_change

    from with_shares as current_period
    left join with_shares as previous_period
        on previous_period.period_grain = current_period.period_grain
        and previous_period.event_type = current_period.event_type
        and previous_period.period_start_at = current_period.previous_period_start_at

)

select * from final
