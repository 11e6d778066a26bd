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

artist_periods as (

    {{ period_rows(ref('int_song_listener_days'), this, ['artist_name']) }}

),

artist_totals as (

    select
        period_grain,
        period_start_date,
        artist_name,
        {{ sum_listening() }},
        count(distinct user_id) as listeners,
        count(distinct song_id) as songs,
        max(_transformed_at) as _transformed_at

    from artist_periods
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
