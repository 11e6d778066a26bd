{#
    Rolled up from int_song_days (counts, names) and int_song_listeners (distinct listeners), so a
    run costs what those small aggregates hold, not what silver holds. A table: ranks move as a whole.
#}
with

song_days as (

    select * from {{ ref('int_song_days') }}

),

song_listeners as (

    select * from {{ ref('int_song_listeners') }}

),

song_counts as (

    select
        song_id,
        -- names are data of the event; one song id has one name in practice, max() picks one if not
        max(song_name) as song_name,
        max(artist_name) as artist_name,
        {{ sum_event_types() }}

    from song_days
    group by song_id

),

listener_counts as (

    select
        song_id,
        count(*) as unique_listeners

    from song_listeners
    group by song_id

),

final as (

    select
        song_counts.song_id,
        song_counts.song_name,
        song_counts.artist_name,
        song_counts.plays,
        song_counts.skips,
        song_counts.pauses,
        song_counts.playlist_adds,
        song_counts.events as total_events,
        -- share of listens that were skipped: skips / (plays + skips), between 0 and 1
        {{ safe_divide('song_counts.skips', 'song_counts.plays + song_counts.skips') }} as skip_rate,
        listener_counts.unique_listeners,
        row_number() over (
            order by song_counts.plays desc, song_counts.playlist_adds desc, song_counts.song_id
        ) as rank

    from song_counts
    inner join listener_counts
        on listener_counts.song_id = song_counts.song_id

)

select * from final
