{#
    Discovery per listener and period (a UTC day, an ISO week, a month, a year, all time;
    macros/periods.sql): how many distinct songs the listener played in the period and how many of
    them they played for the first time ever (int_song_first_listens: the pair's first play event).
    One row per listener and period with a play. For all time both counts are equal.

    Incremental, delete+insert on (period_grain, period_start_date, user_id), by adding what
    changed (macros/period_changes.sql): a song counts as played in a period when one of its rows
    there has a play, so the songs new to a listener's period are those whose changed rows have
    their first play in it; a pair's first play is new (one more discovery in its periods) or
    moved earlier by a late event (one fewer in the periods of the day it was on). Where a change
    is not known (a run of this model missed it, or an input was rebuilt), the listener's periods
    it falls in are recounted from all of their rows.
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

{% if is_incremental() %}
changed_days as (

    {{ changed_rows(ref('int_song_listener_days'), this) }}

),

changed_firsts as (

    {{ changed_rows(ref('int_song_first_listens'), this) }}

),

recounted as (

    {% set unknown_days -%}
        (select event_date, user_id from changed_days where {{ change_unknown(this) }}
         union all
         select first_play_date, user_id from changed_firsts where {{ change_unknown(this) }}
         union all
         select _prev_first_play_date, user_id from changed_firsts
         where {{ change_unknown(this) }} and _prev_first_play_date is not null)
    {%- endset %}
    select distinct period_grain, period_start_date, user_id
    from ({{ spread_over_periods(unknown_days) }}) as unknown_periods

),

new_songs as (

    {{ new_period_members('changed_days', ref('int_song_listener_days'), this, 'user_id', 'song_id', 'recounted',
        counts_now='plays > 0', counted_before='_prev_plays > 0') }}

),

discovery_changes as (

    {% set first_play_moves -%}
        (select first_play_date as event_date, user_id, 1 as discoveries from changed_firsts
         union all
         select _prev_first_play_date, user_id, -1 from changed_firsts where _prev_first_play_date is not null)
    {%- endset %}
    select
        period_grain,
        period_start_date,
        user_id,
        sum(discoveries) as discoveries

    from ({{ spread_over_periods(first_play_moves) }}) as moves
    where not {{ in_periods('moves', 'recounted', ['user_id']) }}
    group by period_grain, period_start_date, user_id

),

added_totals as (

    -- every written row carries the newest stamp of the changes, so the next run starts after all
    -- of them (a changed row that adds nothing, a repeated play, writes no row of its own)
    select
        changed_periods.period_grain,
        changed_periods.period_start_date,
        changed_periods.user_id,
        coalesce(held.songs_played, 0) + coalesce(new_songs.members, 0) as songs_played,
        coalesce(held.songs_discovered, 0) + coalesce(discovery_changes.discoveries, 0) as songs_discovered,
        {{ greater_of('held._transformed_at', '(select max(_transformed_at) from (select _transformed_at from changed_days union all select _transformed_at from changed_firsts) as stamps)') }} as _transformed_at

    from (
        select period_grain, period_start_date, user_id from new_songs
        union
        select period_grain, period_start_date, user_id from discovery_changes
    ) as changed_periods
    left join {{ this }} as held
        on {{ same_period('held', 'changed_periods', ['user_id']) }}
    left join new_songs
        on {{ same_period('new_songs', 'changed_periods', ['user_id']) }}
    left join discovery_changes
        on {{ same_period('discovery_changes', 'changed_periods', ['user_id']) }}

),
{% endif %}

played as (

    {% set played_days -%}
        (select user_id, song_id, event_date, _transformed_at
         from {{ ref('int_song_listener_days') }}
         where plays > 0
         {% if is_incremental() %}and user_id in (select user_id from recounted){% endif %})
    {%- endset %}
    select played_periods.*
    from ({{ spread_over_periods(played_days) }}) as played_periods
    {% if is_incremental() %}
    where {{ in_periods('played_periods', 'recounted', ['user_id']) }}
    {% endif %}

),

discovered as (

    {% set first_play_days -%}
        (select user_id, first_play_date as event_date
         from {{ ref('int_song_first_listens') }}
         {% if is_incremental() %}where user_id in (select user_id from recounted){% endif %})
    {%- endset %}
    select
        period_grain,
        period_start_date,
        user_id,
        count(*) as songs_discovered

    from ({{ spread_over_periods(first_play_days) }}) as first_play_periods
    group by period_grain, period_start_date, user_id

),

played_counts as (

    select
        period_grain,
        period_start_date,
        user_id,
        count(distinct song_id) as songs_played,
        max(_transformed_at) as _transformed_at

    from played
    group by period_grain, period_start_date, user_id

),

recounted_totals as (

    select
        played_counts.period_grain,
        played_counts.period_start_date,
        played_counts.user_id,
        played_counts.songs_played,
        coalesce(discovered.songs_discovered, 0) as songs_discovered,
        played_counts._transformed_at

    from played_counts
    left join discovered
        on {{ same_period('discovered', 'played_counts', ['user_id']) }}

),

totals as (

    select * from recounted_totals
    {% if is_incremental() %}
    union all
    select * from added_totals
    {% endif %}

),

final as (

    select
        period_grain,
        period_start_date,
        user_id,
        songs_played,
        songs_discovered,
        {{ safe_divide('songs_discovered', 'songs_played') }} as discovery_share,
        _transformed_at

    from totals

)

select * from final
