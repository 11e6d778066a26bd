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
        new_rows.song_id

    from song_listener_days as new_rows
    cross join periods
    where {{ silver_rows_since(this) }}

),
{% endif %}

song_periods as (

    select
        periods.period_grain,
        {{ period_start('periods.period_grain', 'song_listener_days.event_date') }} as period_start_date,
        song_listener_days.*

    from song_listener_days
    cross join periods
    {% if is_incremental() %}
    where song_listener_days.song_id in (select song_id from touched_periods)
    {% endif %}

),

{% if is_incremental() %}
touched_song_periods as (

    select song_periods.*
    from song_periods
    where exists (
        select 1
        from touched_periods
        where touched_periods.period_grain = song_periods.period_grain
            and touched_periods.period_start_date = song_periods.period_start_date
            and touched_periods.song_id = song_periods.song_id
    )

),
{% endif %}

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

    {% if is_incremental() %}
    from touched_song_periods
    {% else %}
    from song_periods
    {% endif %}
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
