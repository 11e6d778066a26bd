{#
    Listening sessions: a listener's events until a gap longer than var session_gap_minutes
    (macros/sessions.sql). Incremental on user_id: a listener with new events keeps the sessions
    no new event can reach and re-splits the rest of its events.
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

new_events as (

    -- read from silver, not from the events CTE: DuckDB materialises a CTE read twice, here all of silver
    select
        user_id,
        min(event_at) as first_new_event_at

    from {{ ref('stg_events') }}
    where {{ silver_rows_since(this) }}
    group by user_id

),

resplit_points as (

    -- a new event can join the session it falls in to the one before, but no earlier one: those
    -- ended more than the gap before the last session starting at or before it (null: none does)
    select
        new_events.user_id,
        max(existing_sessions.session_start_at) as resplit_from_at

    from new_events
    left join existing_sessions
        on existing_sessions.user_id = new_events.user_id
        and existing_sessions.session_start_at <= new_events.first_new_event_at
    group by new_events.user_id

),

kept_sessions as (

    select existing_sessions.*
    from existing_sessions
    inner join resplit_points
        on resplit_points.user_id = existing_sessions.user_id
    where existing_sessions.session_start_at < resplit_points.resplit_from_at

),

kept_session_counts as (

    select
        user_id,
        count(*) as kept_sessions

    from kept_sessions
    group by user_id

),

events_to_split as (

    select events.*
    from events
    inner join resplit_points
        on resplit_points.user_id = events.user_id
    where resplit_points.resplit_from_at is null
        or events.event_at >= resplit_points.resplit_from_at

),
{% else %}
events_to_split as (

    select * from events

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
        case
            when {{ starts_session('lag(event_at) over (partition by user_id order by event_at, event_id)', 'event_at') }}
            then 1 else 0
        end as starts_session

    from events_to_split

),

numbered_events as (

    select
        session_starts.*,
        cast(
            sum(session_starts.starts_session) over (
                partition by session_starts.user_id
                order by session_starts.event_at, session_starts.event_id
                rows between unbounded preceding and current row
            )
            {% if is_incremental() %}+ coalesce(kept_session_counts.kept_sessions, 0){% endif %}
            as integer
        ) as session_number

    from session_starts
    {% if is_incremental() %}
    left join kept_session_counts
        on kept_session_counts.user_id = session_starts.user_id
    {% endif %}

),

sessions as (

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

    select * from sessions
    {% if is_incremental() %}
    union all
    select * from kept_sessions
    {% endif %}

)

select * from final
