{#
    Hour of the day in UTC over all days: when listeners are active. Rolled up from
    int_listener_hours (counts, distinct listeners and days) and int_song_hours (distinct songs).
#}
with

listener_hours as (

    select * from {{ ref('int_listener_hours') }}

),

song_hours as (

    select * from {{ ref('int_song_hours') }}

),

hour_counts as (

    select
        event_hour,
        {{ sum_event_types() }},
        count(distinct user_id) as unique_users,
        count(distinct event_date) as active_days

    from listener_hours
    group by event_hour

),

hour_songs as (

    select
        event_hour,
        count(distinct song_id) as unique_songs

    from song_hours
    group by event_hour

),

final as (

    select
        hour_counts.event_hour,
        hour_counts.events,
        hour_counts.plays,
        hour_counts.skips,
        hour_counts.pauses,
        hour_counts.playlist_adds,
        hour_counts.unique_users,
        hour_songs.unique_songs,
        hour_counts.active_days,
        {{ safe_divide('hour_counts.skips', 'hour_counts.plays + hour_counts.skips') }} as skip_rate,
        {{ safe_divide('hour_counts.events', 'sum(hour_counts.events) over ()') }} as event_share

    from hour_counts
    inner join hour_songs
        on hour_songs.event_hour = hour_counts.event_hour

)

select * from final
