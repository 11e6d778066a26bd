{#
    The inactivity rule of listening_sessions: an event starts a session when it is the listener's
    first or follows the one before it by more than var session_gap_minutes.
#}
{% macro starts_session(previous_event_at, event_at) -%}
    ({{ previous_event_at }} is null
        or {{ seconds_between(previous_event_at, event_at) }} > {{ var('session_gap_minutes') }} * 60)
{%- endmacro %}
