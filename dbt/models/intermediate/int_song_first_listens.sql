{#
    When each listener first played each song (the first play event of the pair): what
    listener_discoveries counts. Incremental, delete+insert on (song_id, user_id): a run writes the
    pairs whose first play is new or earlier than the one here (a late event), never the others.
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
        song_id,
        user_id,
        first_play_at,
        cast(first_play_at as date) as first_play_date,
        _transformed_at

    from first_plays
    {% if is_incremental() %}
    where not exists (
        select 1
        from {{ this }} as existing
        where existing.song_id = first_plays.song_id
            and existing.user_id = first_plays.user_id
            and existing.first_play_at <= first_plays.first_play_at
    )
    {% endif %}

)

select * from final
