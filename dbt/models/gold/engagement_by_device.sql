with

events as (

    select * from {{ ref('stg_events') }}

),

device_counts as (

    select
        device_type,
        {{ count_event_types() }},
        count(distinct user_id) as unique_users,
        count(distinct song_id) as unique_songs

    from events
    group by device_type

),

final as (

    select
        device_type,
        events,
        plays,
        skips,
        pauses,
        playlist_adds,
        unique_users,
        unique_songs,
        {{ safe_divide('skips', 'plays + skips') }} as skip_rate,
        {{ safe_divide('events', 'sum(events) over ()') }} as event_share

    from device_counts

)

select * from final
