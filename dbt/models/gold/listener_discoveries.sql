{#
    Discovery per listener and period (a UTC day, an ISO week, a month, a year, all time;
    macros/periods.sql): how many distinct songs the listener played in the period and how many of
    them they played for the first time ever (int_song_first_listens: the pair's first play event).
    One row per listener and period with a play. For all time both counts are equal.

    Incremental, delete+insert on (period_grain, period_start_date, user_id). A play on day d
    changes the songs played in d's periods and can move the pair's first play earlier (a late
    event), out of the period of the day it was on, which is one of the pair's days from d on. So
    a run recomputes the periods of those days: for every (song, listener, day) row of
    int_song_listener_days new since this model's newest stamp, the pair's days from that day on.
#}
{{
    config(
        materialized='incremental',
        unique_key=['period_grain', 'period_start_date', 'user_id'],
        indexes=[{'columns': ['period_grain', 'period_start_date', 'user_id']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

song_listener_days as (

    select * from {{ ref('int_song_listener_days') }}
    where plays > 0

),

first_listens as (

    select * from {{ ref('int_song_first_listens') }}

),

periods as (

    {{ period_grains() }}

),

{% if is_incremental() %}
new_rows as (

    select * from {{ ref('int_song_listener_days') }}
    where {{ silver_rows_since(this) }}

),

touched_days as (

    select distinct
        later.user_id,
        later.event_date

    from new_rows
    inner join {{ ref('int_song_listener_days') }} as later
        on later.song_id = new_rows.song_id
        and later.user_id = new_rows.user_id
        and later.event_date >= new_rows.event_date

),

touched_periods as (

    select distinct
        periods.period_grain,
        {{ period_start('periods.period_grain', 'touched_days.event_date') }} as period_start_date,
        touched_days.user_id

    from touched_days
    cross join periods

),
{% endif %}

played as (

    select
        periods.period_grain,
        {{ period_start('periods.period_grain', 'song_listener_days.event_date') }} as period_start_date,
        song_listener_days.user_id,
        song_listener_days.song_id,
        song_listener_days._transformed_at

    from song_listener_days
    cross join periods
    {% if is_incremental() %}
    where song_listener_days.user_id in (select user_id from touched_periods)
    {% endif %}

),

discovered as (

    select
        periods.period_grain,
        {{ period_start('periods.period_grain', 'first_listens.first_play_date') }} as period_start_date,
        first_listens.user_id,
        count(*) as songs_discovered

    from first_listens
    cross join periods
    {% if is_incremental() %}
    where first_listens.user_id in (select user_id from touched_periods)
    {% endif %}
    group by periods.period_grain, {{ period_start('periods.period_grain', 'first_listens.first_play_date') }}, first_listens.user_id

),

played_counts as (

    select
        period_grain,
        period_start_date,
        user_id,
        count(distinct song_id) as songs_played,
        max(_transformed_at) as _transformed_at

    from played
    {% if is_incremental() %}
    where exists (
        select 1
        from touched_periods
        where touched_periods.period_grain = played.period_grain
            and touched_periods.period_start_date = played.period_start_date
            and touched_periods.user_id = played.user_id
    )
    {% endif %}
    group by period_grain, period_start_date, user_id

),

final as (

    select
        played_counts.period_grain,
        played_counts.period_start_date,
        played_counts.user_id,
        played_counts.songs_played,
        coalesce(discovered.songs_discovered, 0) as songs_discovered,
        {{ safe_divide('coalesce(discovered.songs_discovered, 0)', 'played_counts.songs_played') }} as discovery_share,
        played_counts._transformed_at

    from played_counts
    left join discovered
        on discovered.period_grain = played_counts.period_grain
        and discovered.period_start_date = played_counts.period_start_date
        and discovered.user_id = played_counts.user_id

)

select * from final
