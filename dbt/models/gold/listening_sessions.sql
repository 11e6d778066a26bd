{#
    Listening sessions by the inactivity rule: a listener's session ends when no event follows
    within var session_gap_minutes (30). The generator's own session_id stays data in silver; it
    is absent from the original's events and cannot be trusted to split sessions.
#}
with

events as (

    select * from {{ ref('stg_events') }}

),

with_previous as (

    select
        event_id,
        user_id,
        song_id,
        event_type,
        event_at,
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
        *,
        cast(sum(starts_session) over (
            partition by user_id
            order by event_at, event_id
            rows between unbounded preceding and current row
        ) as integer) as session_number

    from flagged

),

sessions as (

    select
        user_id,
        session_number,
        min(event_at) as session_start_at,
        max(event_at) as session_end_at,
        {{ count_event_types() }},
        count(distinct song_id) as unique_songs

    from numbered
    group by user_id, session_number

),

final as (

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
        unique_songs

    from sessions

)

select * from final
