{#
    Counts and shares of each event type per hour and per day (period_grain), with the change
    against the period just before. Every event type gets a row in every period that has events,
    zero when it did not occur, so shares add up to 1 and trends compare like with like.
    Rolled up from int_listener_hours (a few rows per listener and hour), not from silver.

    Incremental, delete+insert on (period_grain, period_start_at, event_type): a run recomputes
    the hours and days that rows of int_listener_hours new to it (see silver_rows_since) touch,
    and the hour and day after each (their change against the period before moves), reading only
    the days those periods and the periods before them hold. An event type seen for the first
    time gives every period a row of it, so that run recomputes every period.
    _transformed_at is the period's newest int_listener_hours stamp, the watermark.
#}
{{
    config(
        materialized='incremental',
        unique_key=['period_grain', 'period_start_at', 'event_type'],
        indexes=[{'columns': ['period_grain', 'period_start_at', 'event_type']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

listener_hours as (

    select * from {{ ref('int_listener_hours') }}

),

{% if is_incremental() %}
new_rows as (

    select * from listener_hours
    where {{ silver_rows_since(this) }}

),

new_event_types as (

    -- types the new rows count that no period here has a row of yet
    select 'play' as event_type from new_rows having sum(plays) > 0
    union all
    select 'pause' from new_rows having sum(pauses) > 0
    union all
    select 'skip' from new_rows having sum(skips) > 0
    union all
    select 'add_to_playlist' from new_rows having sum(playlist_adds) > 0
    except
    select event_type from {{ this }}

),

reported_periods as (

    select 'hour' as period_grain, event_hour_at as period_start_at from new_rows
    union
    select 'hour', event_hour_at + interval '1 hour' from new_rows
    union
    select 'day', date_trunc('day', event_hour_at) from new_rows
    union
    select 'day', date_trunc('day', event_hour_at) + interval '1 day' from new_rows
    union
    select period_grain, period_start_at from {{ this }}
    where exists (select 1 from new_event_types)

),

read_days as (

    -- the reported periods' days and the days before them (an hour's previous hour may be there)
    select cast(date_trunc('day', period_start_at) as date) as event_date from reported_periods
    union
    select cast(date_trunc('day', period_start_at) - interval '1 day' as date) from reported_periods

),
{% endif %}

hours as (

    select
        event_hour_at,
        cast(sum(plays) as bigint) as plays,
        cast(sum(skips) as bigint) as skips,
        cast(sum(pauses) as bigint) as pauses,
        cast(sum(playlist_adds) as bigint) as playlist_adds,
        max(_transformed_at) as _transformed_at

    from listener_hours
    {% if is_incremental() %}
    where event_date in (select event_date from read_days)
    {% endif %}
    group by event_hour_at

),

hourly_counts as (

    -- one row per hour and event type that occurred in it
    select event_hour_at, 'play' as event_type, plays as event_count, _transformed_at from hours where plays > 0
    union all
    select event_hour_at, 'pause', pauses, _transformed_at from hours where pauses > 0
    union all
    select event_hour_at, 'skip', skips, _transformed_at from hours where skips > 0
    union all
    select event_hour_at, 'add_to_playlist', playlist_adds, _transformed_at from hours where playlist_adds > 0

),

event_types as (

    select distinct event_type from hourly_counts
    {% if is_incremental() %}
    union
    select distinct event_type from {{ this }}
    {% endif %}

),

counts as (

    select
        'hour' as period_grain,
        event_hour_at as period_start_at,
        event_type,
        event_count,
        _transformed_at
    from hourly_counts

    union all

    select
        'day' as period_grain,
        date_trunc('day', event_hour_at) as period_start_at,
        event_type,
        cast(sum(event_count) as bigint) as event_count,
        max(_transformed_at) as _transformed_at
    from hourly_counts
    group by date_trunc('day', event_hour_at), event_type

),

periods as (

    select
        period_grain,
        period_start_at,
        max(_transformed_at) as _transformed_at

    from counts
    group by period_grain, period_start_at

),

filled as (

    select
        periods.period_grain,
        periods.period_start_at,
        event_types.event_type,
        coalesce(counts.event_count, 0) as event_count,
        periods._transformed_at

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
        current_period.event_share - previous_period.event_share as event_share_change,
        current_period._transformed_at

    from with_shares as current_period
    left join with_shares as previous_period
        on previous_period.period_grain = current_period.period_grain
        and previous_period.event_type = current_period.event_type
        and previous_period.period_start_at = current_period.previous_period_start_at
    {% if is_incremental() %}
    where exists (
        select 1
        from reported_periods
        where reported_periods.period_grain = current_period.period_grain
            and reported_periods.period_start_at = current_period.period_start_at
    )
    {% endif %}

)

select * from final
