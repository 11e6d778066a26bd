{#
    Per artist and period (a UTC day, an ISO week, a month, a year, all time; macros/periods.sql):
    plays, streams, time listened, listeners, distinct songs, skips and playlist adds of all the
    artist's songs, rolled up from int_song_listener_days. An artist is its name as sent ('unknown'
    when blank). Top artists of a period: order its rows by streams.

    Incremental, delete+insert on (period_grain, period_start_date, artist_name): a run adds to the
    periods of the artists whose days changed what the changed rows add, and counts the listeners
    and songs new to each period (a listener of two of its songs counts once;
    macros/period_changes.sql). Where a change is not known, or a row moved to another artist (its
    greatest artist name grew: one song sent under two names), it recounts those periods of both
    artists from all of their days; a period the move leaves without a row of the old artist
    keeps its held row (delete+insert replaces only the keys a run writes) until a full refresh.
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

{% if is_incremental() %}
changed as (

    {{ changed_rows(ref('int_song_listener_days'), this) }}

),

recounted as (

    {{ recounted_periods('changed', this, 'artist_name', moved_from='_prev_artist_name') }}

),

artist_changes as (

    {{ period_listening_changes('changed', 'artist_name', 'recounted') }}

),

new_listeners as (

    {{ new_period_members('changed', ref('int_song_listener_days'), this, 'artist_name', 'user_id', 'recounted') }}

),

new_songs as (

    {{ new_period_members('changed', ref('int_song_listener_days'), this, 'artist_name', 'song_id', 'recounted') }}

),

added_totals as (

    select
        artist_changes.period_grain,
        artist_changes.period_start_date,
        artist_changes.artist_name,
        {{ add_listening('held', 'artist_changes') }},
        coalesce(held.listeners, 0) + coalesce(new_listeners.members, 0) as listeners,
        coalesce(held.songs, 0) + coalesce(new_songs.members, 0) as songs,
        {{ greater_of('held._transformed_at', 'artist_changes._transformed_at') }} as _transformed_at

    from artist_changes
    left join {{ this }} as held
        on {{ same_period('held', 'artist_changes', ['artist_name']) }}
    left join new_listeners
        on {{ same_period('new_listeners', 'artist_changes', ['artist_name']) }}
    left join new_songs
        on {{ same_period('new_songs', 'artist_changes', ['artist_name']) }}

),
{% endif %}

artist_periods as (

    {% if is_incremental() %}
    {{ period_rows(ref('int_song_listener_days'), ['artist_name'], 'recounted') }}
    {% else %}
    {{ period_rows(ref('int_song_listener_days'), ['artist_name']) }}
    {% endif %}

),

recounted_totals as (

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

artist_totals as (

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
