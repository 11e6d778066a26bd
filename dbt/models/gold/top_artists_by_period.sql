{#
    Per artist and period (a UTC day, an ISO week, a month, a year, all time; macros/periods.sql):
    plays, streams, time listened, listeners, distinct songs, skips and playlist adds of all the
    artist's songs, rolled up from int_song_listener_days. An artist is its name as sent ('unknown'
    when blank). Top artists of a period: order its rows by streams.

    Incremental, delete+insert on (period_grain, period_start_date, artist_name): a run recomputes
    the periods of the artists whose days new aggregate rows touch, from all of the artist's days in
    the period (a listener of two of its songs counts once).
#}
{{
    config(
        materialized='incremental',
        unique_key=['period_grain', 'period_start_date', 'artist_name'],
        indexes=[{'columns': ['period_grain', 'period_start_date', 'artist_name']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

song_listener_days as (

    select * from {{ ref('int_song_listener_days') }}

),

periods as (

    {{ period_grains() }}

),

{% if is_incremental() %}
touched_periods as (

    select distinct
        periods.period_grain,
        {{ period_start('periods.period_grain', 'new_rows.event_date') }} as period_start_date,
        new_rows.artist_name

    from song_listener_days as new_rows
    cross join periods
    where {{ silver_rows_since(this) }}

),
{% endif %}

artist_periods as (

    select
        periods.period_grain,
        {{ period_start('periods.period_grain', 'song_listener_days.event_date') }} as period_start_date,
        song_listener_days.*

    from song_listener_days
    cross join periods
    {% if is_incremental() %}
    where song_listener_days.artist_name in (select artist_name from touched_periods)
    {% endif %}

),

{% if is_incremental() %}
touched_artist_periods as (

    select artist_periods.*
    from artist_periods
    where exists (
        select 1
        from touched_periods
        where touched_periods.period_grain = artist_periods.period_grain
            and touched_periods.period_start_date = artist_periods.period_start_date
            and touched_periods.artist_name = artist_periods.artist_name
    )

),
{% endif %}

artist_totals as (

    select
        period_grain,
        period_start_date,
        artist_name,
        {{ sum_listening() }},
        count(distinct user_id) as listeners,
        count(distinct song_id) as songs,
        max(_transformed_at) as _transformed_at

    {% if is_incremental() %}
    from touched_artist_periods
    {% else %}
    from artist_periods
    {% endif %}
    group by period_grain, period_start_date, artist_name

),

final as (

    select
        period_grain,
        period_start_date,
        artist_name,
        plays,
        streams,
        listeners,
        songs,
        listened_ms,
        {{ minutes_from_ms('listened_ms') }} as listened_minutes,
        skips,
        early_skips,
        playlist_adds,
        {{ safe_divide('skips', 'plays + skips') }} as skip_rate,
        {{ safe_divide('early_skips', 'plays + skips') }} as early_skip_rate,
        {{ safe_divide('streams', 'listeners') }} as streams_per_listener,
        _transformed_at

    from artist_totals

)

select * from final
