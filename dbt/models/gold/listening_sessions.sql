{#
    Listening sessions by the inactivity rule: a listener's session ends when no event follows
    within var session_gap_minutes (30). The generator's own session_id stays data in silver; it
    is absent from the original's events and cannot be trusted to split sessions.

    Incremental, delete+insert on user_id: only listeners with new silver rows are rewritten, and
    for them only the sessions the new events can change are recomputed. An event at time t can
    change the session it falls in, and join it to the next or previous one, but no session that
    ended more than the gap before t; every session before the last one starting at or before the
    listener's earliest new event ended more than the gap before that session started. So a run
    re-splits the listener's events from that session's start (all of them when the earliest new
    event comes before every session), numbers the result on from the sessions before it, and
    writes those sessions kept as they were plus the recomputed ones: the same rows a full refresh
    gives.
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

{% if is_incremental() %}
new_events as (

    select
        user_id,
        min(event_at) as first_new_event_at

    from {{ ref('stg_events') }}
    where {{ silver_rows_since(this) }}
    group by user_id

),

boundaries as (

    -- the start of the listener's last session at or before the earliest new event; null when none
    select
        new_events.user_id,
        max(existing.session_start_at) as recompute_from

    from new_events
    left join {{ this }} as existing
        on existing.user_id = new_events.user_id
        and existing.session_start_at <= new_events.first_new_event_at
    group by new_events.user_id

),

kept_sessions as (

    select existing.*
    from {{ this }} as existing
    inner join boundaries
        on boundaries.user_id = existing.user_id
    where existing.session_start_at < boundaries.recompute_from

),

sessions_before as (

    select
        user_id,
        count(*) as session_count

    from kept_sessions
    group by user_id

),

events as (

    select stg_events.*
    from {{ ref('stg_events') }} as stg_events
    inner join boundaries
        on boundaries.user_id = stg_events.user_id
    where boundaries.recompute_from is null
        or stg_events.event_at >= boundaries.recompute_from

),
{% else %}
events as (

    select * from {{ ref('stg_events') }}

),
{% endif %}

with_previous as (

    select
        event_id,
        user_id,
        song_id,
        event_type,
        event_at,
        _transformed_at,
        lag(event_at) over (partition by user_id order by event_at, event_id) as previous_event_at

    from events

),

flagged as (

    select
        *,
        case
            when previous_event_at is null then 1
            when {{ seconds_between('previous_event_at', 'event_at') }} > {{ var('session_gap_minutes') }} * 60 then 1
            else 0
        end as starts_session

    from with_previous

),

numbered as (

    select
        flagged.*,
        cast(sum(starts_session) over (
            partition by flagged.user_id
            order by event_at, event_id
            rows between unbounded preceding and current row
        ){% if is_incremental() %} + coalesce(sessions_before.session_count, 0){% endif %} as integer) as session_number

    from flagged
    {% if is_incremental() %}
    left join sessions_before
        on sessions_before.user_id = flagged.user_id
    {% endif %}

),

sessions as (

    select
        user_id,
        session_number,
        min(event_at) as session_start_at,
        max(event_at) as session_end_at,
        {{ count_event_types() }},
        count(distinct song_id) as unique_songs,
        max(_transformed_at) as _transformed_at

    from numbered
    group by user_id, session_number

),

recomputed as (

    select
        {{ dbt_utils.generate_surrogate_key(['user_id', 'session_number']) }} as session_key,
        user_id,
        session_number,
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

),

final as (

    select * from recomputed
    {% if is_incremental() %}

    union all

    -- the table's own columns, in the order this model created them
    select *
    from kept_sessions
    {% endif %}

)

select * from final
