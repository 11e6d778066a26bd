with

events as (

    select * from {{ ref('stg_events') }}

),

song_counts as (

    select
        song_id,
        -- names are data of the event; one song id has one name in practice, max() picks one if not
        max(song_name) as song_name,
        max(artist_name) as artist_name,
        {{ count_event_types() }},
        count(distinct user_id) as unique_listeners

    from events
    group by song_id

),

final as (

    select
        song_id,
        song_name,
        artist_name,
        plays,
        skips,
        pauses,
        playlist_adds,
        events as total_events,
        -- share of listens that were skipped: skips / (plays + skips), between 0 and 1
        {{ safe_divide('skips', 'plays + skips') }} as skip_rate,
        unique_listeners,
        row_number() over (order by plays desc, playlist_adds desc, song_id) as rank

    from song_counts

)

select * from final
