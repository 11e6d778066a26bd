{#
    When each listener first played each song (the first play event of the pair): what
    listener_discoveries counts. Incremental, delete+insert on (song_id, user_id): a run writes the
    pairs whose first play is new or earlier than the one here (a late event), never the others.
    Each row it writes records the version it replaced, as int_song_listener_days does, so
    listener_discoveries can move a discovery from one period to another without recounting:
    _prev_first_play_date and _prev_transformed_at (null when the pair is new; on a full build the
    row's own stamp, so a reader that has not taken it in recounts).
#}
{{
    config(
        materialized='incremental',
        unique_key=['song_id', 'user_id'],
        indexes=[{'columns': ['song_id', 'user_id']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

plays as (

    select * from {{ ref('stg_events') }}
    where event_type = 'play'
    {% if is_incremental() %}
        and {{ silver_rows_since(this) }}
    {% endif %}

),

first_plays as (

    select
        song_id,
        user_id,
        min(event_at) as first_play_at,
        max(_transformed_at) as _transformed_at

    from plays
    group by song_id, user_id

),

final as (

    select
        first_plays.song_id,
        first_plays.user_id,
        first_plays.first_play_at,
        cast(first_plays.first_play_at as date) as first_play_date,
        first_plays._transformed_at,
        {% if is_incremental() %}
        held.first_play_date as _prev_first_play_date,
        held._transformed_at as _prev_transformed_at
        {% else %}
        cast(null as date) as _prev_first_play_date,
        first_plays._transformed_at as _prev_transformed_at
        {% endif %}

    from first_plays
    {% if is_incremental() %}
    left join {{ this }} as held
        on held.song_id = first_plays.song_id
        and held.user_id = first_plays.user_id
    where held.song_id is null
        or first_plays.first_play_at < held.first_play_at
    {% endif %}

)

select * from final
