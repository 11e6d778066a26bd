{#
    All-time counts per device_type, rolled up from int_listener_hours (counts, distinct listeners) and
    int_song_days (distinct songs): a run costs what those aggregates hold, not what silver holds.
#}
with

listener_hours as (

    select * from {{ ref('int_listener_hours') }}

),

song_days as (

    select * from {{ ref('int_song_days') }}

),

device_counts as (

    select
        device_type,
        {{ sum_event_types() }},
        count(distinct user_id) as unique_users

    from listener_hours
    group by device_type

),

device_songs as (

    select
        device_type,
        count(distinct song_id) as unique_songs

    from song_days
    group by device_type

),

final as (

    select
        device_counts.device_type,
        device_counts.events,
        device_counts.plays,
        device_counts.skips,
        device_counts.pauses,
        device_counts.playlist_adds,
        device_counts.unique_users,
        device_songs.unique_songs,
        {{ safe_divide('device_counts.skips', 'device_counts.plays + device_counts.skips') }} as skip_rate,
        {{ safe_divide('device_counts.events', 'sum(device_counts.events) over ()') }} as event_share

    from device_counts
    inner join device_songs
        on device_songs.device_type = device_counts.device_type

)

select * from final
