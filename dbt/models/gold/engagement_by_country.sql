{#
    All-time counts per country, rolled up from int_listener_hours (counts, distinct listeners) and
    int_song_days (distinct songs): a run costs what those aggregates hold, not what silver holds.
#}
with

listener_hours as (

    select * from {{ ref('int_listener_hours') }}

),

song_days as (

    select * from {{ ref('int_song_days') }}

),

country_counts as (

    select
        country,
        {{ sum_event_types() }},
        count(distinct user_id) as unique_users

    from listener_hours
    group by country

),

country_songs as (

    select
        country,
        count(distinct song_id) as unique_songs

    from song_days
    group by country

),

final as (

    select
        country_counts.country,
        country_counts.events,
        country_counts.plays,
        country_counts.skips,
        country_counts.pauses,
        country_counts.playlist_adds,
        country_counts.unique_users,
        country_songs.unique_songs,
        {{ safe_divide('country_counts.skips', 'country_counts.plays + country_counts.skips') }} as skip_rate,
        {{ safe_divide('country_counts.events', 'sum(country_counts.events) over ()') }} as event_share

    from country_counts
    inner join country_songs
        on country_songs.country = country_counts.country

)

select * from final
