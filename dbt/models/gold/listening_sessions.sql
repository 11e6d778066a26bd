{#
    Listening sessions: a listener's events until a gap longer than var session_gap_minutes
    (macros/sessions.sql). Incremental on user_id: a listener with new events has all its sessions
    written again, most of them from what this model holds rather than from its events.

    Sessions only ever merge as events arrive: each is a run of events no gap splits, so an event
    added inside one leaves it whole, and one added near or between sessions can only join them.
    So a run lays a listener's held sessions (as spans with their counts) and its new events on one
    time line and splits that line at the gaps, as a full build splits the events; each piece is a
    session, numbered in time order. A session no new event reached is the held one, renumbered; one
    held session plus new events adds their counts to its own, and counts a new song only when
    silver's rows the model counted in that span did not play it (a listener who never pauses for
    the gap has one session as long as its history, which is not read again). The rest are counted
    from silver's rows in their span, as a full build counts them: pieces that join two or more held
    sessions (their songs may repeat), and the pieces with new events of a listener whose new rows
    may hold an event this model counted already (silver replaces an event by a copy loaded earlier,
    the same event; int_listened_events' change record says which rows are an event's first copy).
#}
{{
    config(
        materialized='incremental',
        unique_key='user_id',
        indexes=[{'columns': ['user_id']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

-- depends_on: {{ ref('int_listened_events') }}

with

{% if is_incremental() %}
held_sessions as (

    select * from {{ this }}

),

new_rows as (

    select
        event_id,
        user_id,
        song_id,
        event_type,
        event_at,
        _transformed_at

    from {{ ref('stg_events') }}
    where {{ silver_rows_since(this) }}

),

first_copies as (

    {{ first_copies(this) }}

),

touched_listeners as (

    select
        new_rows.user_id,
        min(case when first_copies.event_id is null then 0 else 1 end) as adds_up

    from new_rows
    left join first_copies
        on first_copies.event_id = new_rows.event_id
    group by new_rows.user_id

),

time_line as (

    -- a touched listener's held sessions as spans, and its new events as points
    select
        held_sessions.user_id,
        held_sessions.session_key as item_key,
        held_sessions.session_start_at as starts_at,
        held_sessions.session_end_at as ends_at,
        1 as held,
        held_sessions.events,
        held_sessions.plays,
        held_sessions.skips,
        held_sessions.pauses,
        held_sessions.playlist_adds,
        held_sessions.unique_songs,
        cast(null as varchar) as song_id,
        held_sessions._transformed_at

    from held_sessions
    inner join touched_listeners
        on touched_listeners.user_id = held_sessions.user_id

    union all

    select
        user_id,
        event_id,
        event_at,
        event_at,
        0,
        1,
        case when event_type = 'play' then 1 else 0 end,
        case when event_type = 'skip' then 1 else 0 end,
        case when event_type = 'pause' then 1 else 0 end,
        case when event_type = 'add_to_playlist' then 1 else 0 end,
        0,
        song_id,
        _transformed_at

    from new_rows

),

piece_starts as (

    -- a piece starts where the gap after everything before it on the line is too long
    select
        *,
        case
            when {{ starts_session(
                'max(ends_at) over (partition by user_id order by starts_at, item_key rows between unbounded preceding and 1 preceding)',
                'starts_at') }}
            then 1 else 0
        end as starts_piece

    from time_line

),

line_pieces as (

    select
        *,
        sum(starts_piece) over (
            partition by user_id
            order by starts_at, item_key
            rows between unbounded preceding and current row
        ) as session_number

    from piece_starts

),

pieces as (

    select
        line_pieces.user_id,
        line_pieces.session_number,
        min(line_pieces.starts_at) as session_start_at,
        max(line_pieces.ends_at) as session_end_at,
        sum(line_pieces.held) as held_sessions,
        count(*) - sum(line_pieces.held) as new_events,
        max(case when line_pieces.held = 1 then line_pieces.starts_at end) as held_start_at,
        max(case when line_pieces.held = 1 then line_pieces.ends_at end) as held_end_at,
        cast(sum(line_pieces.events) as bigint) as events,
        cast(sum(line_pieces.plays) as bigint) as plays,
        cast(sum(line_pieces.skips) as bigint) as skips,
        cast(sum(line_pieces.pauses) as bigint) as pauses,
        cast(sum(line_pieces.playlist_adds) as bigint) as playlist_adds,
        cast(sum(line_pieces.unique_songs) as bigint) as held_unique_songs,
        max(line_pieces._transformed_at) as _transformed_at,
        max(touched_listeners.adds_up) as adds_up

    from line_pieces
    inner join touched_listeners
        on touched_listeners.user_id = line_pieces.user_id
    group by line_pieces.user_id, line_pieces.session_number

),

added_pieces as (

    -- pieces that take their counts from the held session and the new events
    select * from pieces
    where adds_up = 1 and held_sessions <= 1

),

recounted_pieces as (

    select * from pieces
    where new_events > 0 and not (adds_up = 1 and held_sessions <= 1)

),

new_songs as (

    select distinct
        line_pieces.user_id,
        line_pieces.session_number,
        line_pieces.song_id

    from line_pieces
    inner join added_pieces
        on added_pieces.user_id = line_pieces.user_id
        and added_pieces.session_number = line_pieces.session_number
    where line_pieces.held = 0
        and line_pieces.song_id is not null

),

songs_heard_before as (

    -- which of those the held session played: silver's rows in its span that this model counted
    select distinct
        new_songs.user_id,
        new_songs.session_number,
        new_songs.song_id

    from {{ ref('stg_events') }} as silver
    inner join added_pieces
        on added_pieces.user_id = silver.user_id
    inner join new_songs
        on new_songs.user_id = silver.user_id
        and new_songs.session_number = added_pieces.session_number
        and new_songs.song_id = silver.song_id
    where added_pieces.held_sessions = 1
        and silver.event_at between added_pieces.held_start_at and added_pieces.held_end_at
        and silver._transformed_at <= {{ taken_in_through(this) }}

),

songs_first_heard as (

    select
        new_songs.user_id,
        new_songs.session_number,
        count(*) as songs

    from new_songs
    left join songs_heard_before
        on songs_heard_before.user_id = new_songs.user_id
        and songs_heard_before.session_number = new_songs.session_number
        and songs_heard_before.song_id = new_songs.song_id
    where songs_heard_before.user_id is null
    group by new_songs.user_id, new_songs.session_number

),

recounts as (

    -- every event of the piece's span is the piece's: pieces are apart by more than the gap
    select
        recounted_pieces.user_id,
        recounted_pieces.session_number,
        {{ count_event_types() }},
        count(distinct silver.song_id) as unique_songs,
        max(silver._transformed_at) as _transformed_at

    from {{ ref('stg_events') }} as silver
    inner join recounted_pieces
        on recounted_pieces.user_id = silver.user_id
        and silver.event_at between recounted_pieces.session_start_at and recounted_pieces.session_end_at
    group by recounted_pieces.user_id, recounted_pieces.session_number

),

sessions as (

    select
        added_pieces.user_id,
        added_pieces.session_number,
        added_pieces.session_start_at,
        added_pieces.session_end_at,
        added_pieces.events,
        added_pieces.plays,
        added_pieces.skips,
        added_pieces.pauses,
        added_pieces.playlist_adds,
        added_pieces.held_unique_songs + coalesce(songs_first_heard.songs, 0) as unique_songs,
        added_pieces._transformed_at

    from added_pieces
    left join songs_first_heard
        on songs_first_heard.user_id = added_pieces.user_id
        and songs_first_heard.session_number = added_pieces.session_number

    union all

    -- a listener's held sessions no new event reached, renumbered
    select
        user_id,
        session_number,
        session_start_at,
        session_end_at,
        events,
        plays,
        skips,
        pauses,
        playlist_adds,
        held_unique_songs,
        _transformed_at

    from pieces
    where new_events = 0 and not (adds_up = 1 and held_sessions <= 1)

    union all

    select
        recounted_pieces.user_id,
        recounted_pieces.session_number,
        recounted_pieces.session_start_at,
        recounted_pieces.session_end_at,
        recounts.events,
        recounts.plays,
        recounts.skips,
        recounts.pauses,
        recounts.playlist_adds,
        recounts.unique_songs,
        recounts._transformed_at

    from recounted_pieces
    inner join recounts
        on recounts.user_id = recounted_pieces.user_id
        and recounts.session_number = recounted_pieces.session_number

),

final as (

    select
        {{ dbt_utils.generate_surrogate_key(['user_id', 'session_number']) }} as session_key,
        user_id,
        cast(session_number as integer) as session_number,
        session_start_at,
        session_end_at,
        cast({{ seconds_between('session_start_at', 'session_end_at') }} as decimal(18, 3)) as session_duration_seconds,
        events,
        plays,
        skips,
        pauses,
        playlist_adds,
        unique_songs,
        _transformed_at

    from sessions

)
{% else %}
session_starts as (

    select
        event_id,
        user_id,
        song_id,
        event_type,
        event_at,
        _transformed_at,
        case
            when {{ starts_session('lag(event_at) over (partition by user_id order by event_at, event_id)', 'event_at') }}
            then 1 else 0
        end as starts_session

    from {{ ref('stg_events') }}

),

numbered_events as (

    select
        *,
        cast(
            sum(starts_session) over (
                partition by user_id
                order by event_at, event_id
                rows between unbounded preceding and current row
            )
            as integer
        ) as session_number

    from session_starts

),

split_sessions as (

    select
        {{ dbt_utils.generate_surrogate_key(['user_id', 'session_number']) }} as session_key,
        user_id,
        session_number,
        min(event_at) as session_start_at,
        max(event_at) as session_end_at,
        cast({{ seconds_between('min(event_at)', 'max(event_at)') }} as decimal(18, 3)) as session_duration_seconds,
        {{ count_event_types() }},
        count(distinct song_id) as unique_songs,
        max(_transformed_at) as _transformed_at

    from numbered_events
    group by user_id, session_number

),

final as (

    select * from split_sessions

)
{% endif %}

select * from final
