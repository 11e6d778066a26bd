{#
    Every silver event with the time its playback lasted (listened_ms, on play events only): the
    ground the stream, listening-time and skip marts stand on.

    How long a play lasted. A listening session is the listener's events with one session_id
    (those without one form one session per listener), in time order (event_at, then event_id).
    A play starts playback at its position_ms (0 when absent). The session's next playback event
    (play, pause or skip; a playlist add does not stop the track) ends it:
    - a pause or skip of the same song ends it at that event's position_ms, so it lasted the
      difference (0 if that position is before the play's);
    - anything else (a play of any song, an event of another song, or no next event yet) means the
      track played to its end: duration_ms minus the play's position (0 if past the end).
    When the position or duration it needs is absent the time is unknown (null), and the play is
    not a stream. A play is a stream when it lasted at least var stream_min_seconds (30). A resumed
    track (a pause, then a play at the same position) is two plays, each measured on its own.
    Timestamps, not positions, order a session: the simulator's clock interleaves sessions, so
    the wall-clock time between two events says nothing about how long a track played.

    Incremental, delete+insert on (user_id, session_key): a new event can change how long the play
    before it lasted, so the sessions new silver rows touch are recomputed whole (a few tracks
    each). Every row of a recomputed session carries the session's newest silver stamp, so the
    aggregates downstream see all of them as touched.

    A recomputed session is read from the new silver rows plus the session's rows this model
    already holds (found through its (user_id, session_key) index), not from all of silver: every
    silver row older than this model's stamp is here with its event columns, and silver only adds
    rows or replaces one by event_id (the replacing copy is new, so the copy held here is dropped).
    A session spanning batches, a late event in an old session, and the next-event logic
    therefore see the same rows as a full refresh. Only the new rows are read from silver.

    A row is also its own change record, so the aggregates over it can add what a micro-batch
    changed instead of recounting every key it touches (macros/listening_changes.sql):
    _prev_transformed_at is the stamp of the version the row replaced, no_stamp() when the event is
    new here, and _prev_listened_ms that version's listened_ms. A recomputed session changes nothing
    else of its rows: their event columns are silver's, and a copy silver takes in for an event is
    the same event. A full build knows no earlier version: it gives each row its own stamp as
    _prev_transformed_at, so a reader that has not taken that stamp in recounts the row's keys. A
    row written before these columns existed has null there, and counts as unknown too: a reader
    that missed the run that wrote it cannot tell whether it was new.
#}
{{
    config(
        materialized='incremental',
        unique_key=['user_id', 'session_key'],
        indexes=[{'columns': ['user_id', 'session_key']}, {'columns': ['_transformed_at']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

stg_events as (

    select
        *,
        coalesce(session_id, '') as session_key

    from {{ ref('stg_events') }}

),

{% if is_incremental() %}
new_events as (

    select * from stg_events
    where {{ silver_rows_since(this) }}

),

touched_sessions as (

    select distinct
        user_id,
        session_key

    from new_events

),

touched_held_events as (

    -- the touched sessions' rows taken in before (few: the join narrows the read first)
    select held.*
    from {{ this }} as held
    inner join touched_sessions
        on touched_sessions.user_id = held.user_id
        and touched_sessions.session_key = held.session_key

),

held_events as (

    -- unless a new silver row replaces them. A not in over the few touched rows: a not exists
    -- here lets DuckDB anti-join all of this model first (five times slower)
    select * from touched_held_events
    where event_id not in (select event_id from new_events)

),
{% endif %}

events as (

    -- the silver event columns this model keeps, so its own rows can stand in for silver's
    {% if is_incremental() %}
    select {{ listened_event_columns() }}, _transformed_at from new_events
    union all
    select {{ listened_event_columns() }}, _transformed_at from held_events
    {% else %}
    select {{ listened_event_columns() }}, _transformed_at from stg_events
    {% endif %}

),

playback_events as (

    select
        event_id,
        song_id,
        event_type,
        coalesce(position_ms, 0) as start_ms,
        duration_ms,
        lead(event_type) over (partition by user_id, session_key order by event_at, event_id) as next_event_type,
        lead(song_id) over (partition by user_id, session_key order by event_at, event_id) as next_song_id,
        lead(position_ms) over (partition by user_id, session_key order by event_at, event_id) as next_position_ms

    from events
    where event_type in ('play', 'pause', 'skip')

),

play_ends as (

    -- where in the track the play's playback ended: null when unknown
    select
        event_id,
        start_ms,
        case
            when next_song_id = song_id and next_event_type in ('pause', 'skip') then next_position_ms
            else duration_ms
        end as end_ms

    from playback_events
    where event_type = 'play'

),

session_stamps as (

    -- each session's newest silver stamp, which every row of it carries. Incremental, the newest
    -- of its new rows (every row held here is older). A group by rather than max() over the
    -- session: DuckDB's window took ten times longer on a micro-batch
    select
        user_id,
        session_key,
        max(_transformed_at) as _transformed_at

    from {% if is_incremental() %}new_events{% else %}stg_events{% endif %}
    group by user_id, session_key

),

play_lengths as (

    select
        event_id,
        case when end_ms >= start_ms then end_ms - start_ms when end_ms < start_ms then 0 end as listened_ms

    from play_ends

),

final as (

    select
        events.event_id,
        events.user_id,
        events.session_key,
        events.song_id,
        events.song_name,
        coalesce(nullif(trim(events.artist_name), ''), 'unknown') as artist_name,
        events.event_type,
        events.device_type,
        events.country,
        events.event_at,
        events.event_date,
        events.event_hour,
        events.position_ms,
        events.duration_ms,
        play_lengths.listened_ms,
        session_stamps._transformed_at,
        {% if is_incremental() %}
        -- the version each row replaces: its own held row, or the held copy a new silver copy replaces
        coalesce(replaced._transformed_at, {{ no_stamp() }}) as _prev_transformed_at,
        replaced.listened_ms as _prev_listened_ms
        {% else %}
        session_stamps._transformed_at as _prev_transformed_at,
        cast(null as bigint) as _prev_listened_ms
        {% endif %}

    from events
    left join play_lengths
        on play_lengths.event_id = events.event_id
    inner join session_stamps
        on session_stamps.user_id = events.user_id
        and session_stamps.session_key = events.session_key
    {% if is_incremental() %}
    left join touched_held_events as replaced
        on replaced.event_id = events.event_id
    {% endif %}

)

select * from final
