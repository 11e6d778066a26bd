{#
    Each (song, listener) pair that has any event: top_songs counts its unique_listeners from it
    exactly, where summing daily distinct counts would count a listener once a day. Only grows:
    incremental appends the pairs of new silver rows that are not here yet.
#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='append_new_columns'
    )
}}

with

events as (

    select * from {{ ref('stg_events') }}
    {% if is_incremental() %}
    where {{ silver_rows_since(this) }}
    {% endif %}

),

pairs as (

    select
        song_id,
        user_id,
        max(_transformed_at) as _transformed_at

    from events
    group by song_id, user_id

),

final as (

    select * from pairs
    {% if is_incremental() %}
    where not exists (
        select 1
        from {{ this }} as existing
        where existing.song_id = pairs.song_id
            and existing.user_id = pairs.user_id
    )
    {% endif %}

)

select * from final
