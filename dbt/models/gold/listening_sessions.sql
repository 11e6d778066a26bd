{#
    Listening sessions: a listener's events until a gap longer than var session_gap_minutes
    (macros/sessions.sql). Incremental on user_id: a listener with new events keeps the sessions
    no new event can reach and re-splits the rest of its events.

    A listener whose new events all come after the end of its last session (a live stream's case)
    is not re-split: only its new events are, the first of them continuing that last session or
    starting the next one, and a continued session adds their counts to its own. Re-splitting would
    read every event of that last session again on every run, and a listener who never pauses for
    the gap has one session as long as its history. Strictly after: a copy silver takes in again for
    an event it holds (the same event) is not after the end of the session that counted it.
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

with

events as (

    select * from {{ ref('stg_events') }}

),

{% if is_incremental() %}
existing_sessions as (

    select * from {{ this }}

),

new_rows as (

    -- read from silver, not from the events CTE: DuckDB materialises a CTE read twice, here all of silver
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

new_events as (

    select
        user_id,
        min(event_at) as first_new_event_at

    from new_rows
    group by user_id

),

last_session_numbers as (

    select
        existing_sessions.user_id,
        max(existing_sessions.session_number) as session_number

    from existing_sessions
    inner join new_events
        on new_events.user_id = existing_sessions.user_id
    group by existing_sessions.user_id

),

last_sessions as (

    select existing_sessions.*
    from existing_sessions
    inner join last_session_numbers
        on last_session_numbers.user_id = existing_sessions.user_id
        and last_session_numbers.session_number = existing_sessions.session_number

),

going_on as (

    -- listeners whose new events all come after their last session (or who had none), and whether
    -- the first of those events continues that session
    select
        new_events.user_id,
        last_sessions.session_number as last_session_number,
        last_sessions.session_end_at as last_event_at,
        case
            when last_sessions.user_id is not null
                and not {{ starts_session('last_sessions.session_end_at', 'new_events.first_new_event_at') }}
            then 1 else 0
        end as continues_last_session

    from new_events
    left join last_sessions
        on last_sessions.user_id = new_events.user_id
    where last_sessions.user_id is null
        or new_events.first_new_event_at > last_sessions.session_end_at

),

resplit_points as (

    -- the others: a new event can join the session it falls in to the one before, but no earlier
    -- one: those ended more than the gap before the last session starting at or before it (null:
    -- none does)
    select
        new_events.user_id,
        max(existing_sessions.session_start_at) as resplit_from_at

    from new_events
    left join going_on
        on going_on.user_id = new_events.user_id
    left join existing_sessions
        on existing_sessions.user_id = new_events.user_id
        and existing_sessions.session_start_at <= new_events.first_new_event_at
    where going_on.user_id is null
    group by new_events.user_id

),

kept_sessions as (

    select existing_sessions.*
    from existing_sessions
    inner join resplit_points
        on resplit_points.user_id = existing_sessions.user_id
    where existing_sessions.session_start_at < resplit_points.resplit_from_at

    union all

    -- a going-on listener keeps every session but a continued last one
    select existing_sessions.*
    from existing_sessions
    inner join going_on
        on going_on.user_id = existing_sessions.user_id
    where going_on.continues_last_session = 0
        or existing_sessions.session_number < going_on.last_session_number

),

kept_session_counts as (

    select
        user_id,
        count(*) as kept_sessions

    from kept_sessions
    group by user_id

),

events_to_split as (

    -- a re-split listener's events from its resplit point, numbered after the sessions it keeps
    select
        events.event_id,
        events.user_id,
        events.song_id,
        events.event_type,
        events.event_at,
        events._transformed_at,
        cast(null as timestamp) as event_before_at,
        coalesce(kept_session_counts.kept_sessions, 0) as sessions_before

    from events
    inner join resplit_points
        on resplit_points.user_id = events.user_id
    left join kept_session_counts
        on kept_session_counts.user_id = events.user_id
    where resplit_points.resplit_from_at is null
        or events.event_at >= resplit_points.resplit_from_at

    union all

    -- a going-on listener's new events, after its last event and numbered on from its last session
    select
        new_rows.event_id,
        new_rows.user_id,
        new_rows.song_id,
        new_rows.event_type,
        new_rows.event_at,
        new_rows._transformed_at,
        going_on.last_event_at as event_before_at,
        coalesce(going_on.last_session_number, 0) as sessions_before

    from new_rows
    inner join going_on
        on going_on.user_id = new_rows.user_id

),
{% else %}
events_to_split as (

    select
        event_id,
        user_id,
        song_id,
        event_type,
        event_at,
        _transformed_at,
        cast(null as timestamp) as event_before_at,
        0 as sessions_before

    from events

),
{% endif %}

session_starts as (

    select
        event_id,
        user_id,
        song_id,
        event_type,
        event_at,
        _transformed_at,
        sessions_before,
        case
            when {{ starts_session('coalesce(lag(event_at) over (partition by user_id order by event_at, event_id), event_before_at)', 'event_at') }}
            then 1 else 0
        end as starts_session

    from events_to_split

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
            + sessions_before
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

{% if is_incremental() %}
continued_sessions as (

    -- a continued last session as it was, beside the events that go on with it
    select last_sessions.*
    from last_sessions
    inner join going_on
        on going_on.user_id = last_sessions.user_id
        and going_on.continues_last_session = 1

),

continuing_songs as (

    select distinct
        numbered_events.user_id,
        numbered_events.song_id

    from numbered_events
    inner join continued_sessions
        on continued_sessions.user_id = numbered_events.user_id
        and continued_sessions.session_number = numbered_events.session_number
    where numbered_events.song_id is not null

),

songs_heard_before as (

    -- which of those songs the session had played already: silver's rows in its span (the new
    -- rows all come after it)
    select distinct
        continuing_songs.user_id,
        continuing_songs.song_id

    from {{ ref('stg_events') }} as silver
    inner join continued_sessions
        on continued_sessions.user_id = silver.user_id
    inner join continuing_songs
        on continuing_songs.user_id = silver.user_id
        and continuing_songs.song_id = silver.song_id
    where silver.event_at between continued_sessions.session_start_at and continued_sessions.session_end_at

),

songs_first_heard as (

    select
        continuing_songs.user_id,
        count(*) as songs

    from continuing_songs
    left join songs_heard_before
        on songs_heard_before.user_id = continuing_songs.user_id
        and songs_heard_before.song_id = continuing_songs.song_id
    where songs_heard_before.user_id is null
    group by continuing_songs.user_id

),

sessions as (

    select split_sessions.*
    from split_sessions
    left join continued_sessions
        on continued_sessions.user_id = split_sessions.user_id
        and continued_sessions.session_number = split_sessions.session_number
    where continued_sessions.user_id is null

    union all

    select
        continued_sessions.session_key,
        continued_sessions.user_id,
        continued_sessions.session_number,
        continued_sessions.session_start_at,
        going_on_part.session_end_at,
        cast({{ seconds_between('continued_sessions.session_start_at', 'going_on_part.session_end_at') }} as decimal(18, 3))
            as session_duration_seconds,
        {{ add_event_types('continued_sessions', 'going_on_part') }},
        continued_sessions.unique_songs + coalesce(songs_first_heard.songs, 0) as unique_songs,
        going_on_part._transformed_at

    from continued_sessions
    inner join split_sessions as going_on_part
        on going_on_part.user_id = continued_sessions.user_id
        and going_on_part.session_number = continued_sessions.session_number
    left join songs_first_heard
        on songs_first_heard.user_id = continued_sessions.user_id

),
{% else %}
sessions as (

    select * from split_sessions

),
{% endif %}

final as (

    select * from sessions
    {% if is_incremental() %}
    union all
    select * from kept_sessions
    {% endif %}

)

select * from final
