{# Hour of the day in UTC over all days: when listeners are active. #}
with

events as (

    select * from {{ ref('stg_events') }}

),

hour_counts as (

    select
        event_hour,
        {{ count_event_types() }},
        count(distinct user_id) as unique_users,
        count(distinct song_id) as unique_songs,
        count(distinct event_date) as active_days

    from events
    group by event_hour

),

final as (

    select
        event_hour,
        events,
        plays,
        skips,
        pauses,
        playlist_adds,
        unique_users,
        unique_songs,
        active_days,
        {{ safe_divide('skips', 'plays + skips') }} as skip_rate,
        {{ safe_divide('events', 'sum(events) over ()') }} as event_share

    from hour_counts

)

select * from final
