{#
    Per song and period (a UTC day, an ISO week, a month, a year, all time; macros/periods.sql):
    plays, streams, time listened, listeners, skips and playlist adds, rolled up from
    int_song_listener_days. Top songs of a period: order its rows by streams.

    Incremental, delete+insert on (period_grain, period_start_date, song_id): a run recomputes,
    for every grain, the periods of the songs whose days new aggregate rows touch, from all of the
    song's days in the period (listeners are distinct per period, so they are counted again, not
    added). Ranks are left to the reader: they move as a whole when one song's count changes.
#}
{{
    config(
        materialized='incremental',
        unique_key=['period_grain', 'period_start_date', 'song_id'],
        indexes=[{'columns': ['period_grain', 'period_start_date', 'song_id']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

song_periods as (

    {{ period_rows(ref('int_song_listener_days'), this, ['song_id']) }}

),

song_totals as (

    select
        period_grain,
        period_start_date,
        song_id,
        max(song_name) as song_name,
        max(artist_name) as artist_name,
        {{ sum_listening() }},
        count(distinct user_id) as listeners,
        max(_transformed_at) as _transformed_at

    from song_periods
    group by period_grain, period_start_date, song_id

),

final as (

    select
        period_grain,
        period_start_date,
        song_id,
        song_name,
        artist_name,
        plays,
        streams,
        listeners,
        listened_ms,
        {{ minutes_from_ms('listened_ms') }} as listened_minutes,
        skips,
        early_skips,
        playlist_adds,
        {{ safe_divide('skips', 'plays + skips') }} as skip_rate,
        {{ safe_divide('early_skips', 'plays + skips') }} as early_skip_rate,
        {{ safe_divide('streams', 'listeners') }} as streams_per_listener,
        _transformed_at

    from song_totals

)

select * from final
