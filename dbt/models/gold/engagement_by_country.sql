with

events as (

    select * from {{ ref('stg_events') }}

),

country_counts as (

    select
        country,
        {{ count_event_types() }},
        count(distinct user_id) as unique_users,
        count(distinct song_id) as unique_songs

    from events
    group by country

),

final as (

    select
        country,
        events,
        plays,
        skips,
        pauses,
        playlist_adds,
        unique_users,
        unique_songs,
        {{ safe_divide('skips', 'plays + skips') }} as skip_rate,
        {{ safe_divide('events', 'sum(events) over ()') }} as event_share

    from country_counts

)

select * from final
