-- Every gold table accounts for every silver event exactly once: each total must equal silver's.
-- Returns one row per table whose total differs (a passing test returns no rows).

with

silver as (

    select
        count(*) as events,
        count(case when event_type = 'play' then 1 end) as plays
    from {{ ref('stg_events') }}

),

gold_totals as (

    select 'top_songs.total_events' as gold_total, (select sum(total_events) from {{ ref('top_songs') }}) as gold_value, events as silver_value from silver
    union all
    select 'top_songs.plays', (select sum(plays) from {{ ref('top_songs') }}), plays from silver
    union all
    select 'user_engagement.events', (select sum(events) from {{ ref('user_engagement') }}), events from silver
    union all
    select 'engagement_by_device.events', (select sum(events) from {{ ref('engagement_by_device') }}), events from silver
    union all
    select 'engagement_by_country.events', (select sum(events) from {{ ref('engagement_by_country') }}), events from silver
    union all
    select 'engagement_by_hour.events', (select sum(events) from {{ ref('engagement_by_hour') }}), events from silver
    union all
    select 'event_type_distribution.day', (select sum(event_count) from {{ ref('event_type_distribution') }} where period_grain = 'day'), events from silver
    union all
    select 'event_type_distribution.hour', (select sum(event_count) from {{ ref('event_type_distribution') }} where period_grain = 'hour'), events from silver
    union all
    select 'listening_sessions.events', (select sum(events) from {{ ref('listening_sessions') }}), events from silver

)

select * from gold_totals
where gold_value is null and silver_value <> 0
    or gold_value <> silver_value
