{#
    Per song and period (a UTC day, an ISO week, a month, a year, all time; macros/periods.sql):
    plays, streams, time listened, listeners, skips and playlist adds, rolled up from
    int_song_listener_days. Top songs of a period: order its rows by streams.

    Incremental, delete+insert on (period_grain, period_start_date, song_id): a run adds to the
    periods of the songs whose days changed what the changed rows add, and counts the listeners
    new to each period (macros/period_changes.sql); where a change is not known it recounts those
    periods from all of the song's days in them. Ranks are left to the reader: they move as a
    whole when one song's count changes.
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

{% if is_incremental() %}
changed as (

    {{ changed_rows(ref('int_song_listener_days'), this) }}

),

recounted as (

    {{ recounted_periods('changed', this, 'song_id') }}

),

song_changes as (

    {{ period_listening_changes('changed', 'song_id', 'recounted', ['song_name', 'artist_name']) }}

),

new_listeners as (

    {{ new_period_members('changed', ref('int_song_listener_days'), this, 'song_id', 'user_id', 'recounted') }}

),

added_totals as (

    select
        song_changes.period_grain,
        song_changes.period_start_date,
        song_changes.song_id,
        {{ greater_of('held.song_name', 'song_changes.song_name') }} as song_name,
        {{ greater_of('held.artist_name', 'song_changes.artist_name') }} as artist_name,
        {{ add_listening('held', 'song_changes') }},
        coalesce(held.listeners, 0) + coalesce(new_listeners.members, 0) as listeners,
        {{ greater_of('held._transformed_at', 'song_changes._transformed_at') }} as _transformed_at

    from song_changes
    left join {{ this }} as held
        on {{ same_period('held', 'song_changes', ['song_id']) }}
    left join new_listeners
        on {{ same_period('new_listeners', 'song_changes', ['song_id']) }}

),
{% endif %}

song_periods as (

    {% if is_incremental() %}
    {{ period_rows(ref('int_song_listener_days'), ['song_id'], 'recounted') }}
    {% else %}
    {{ period_rows(ref('int_song_listener_days'), ['song_id']) }}
    {% endif %}

),

recounted_totals as (

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

song_totals as (

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
