{{
    config(
        materialized='incremental',
        unique_key='play_id',
        indexes=[{'columns': ['play_id']}],
        incremental_strategy=var('strategy', 'delete+insert'),
        tags=['staging']
    )
}}

with source as (
    select * from {{ source('raw', 'plays') }}
    {% if is_incremental() %}
    where played_at > (select max(played_at) from {{ this }})
    {% endif %}
),

final as (
    select
        play_id,
        user_id,
        song,
        kind,
        played_at,
        {{ to_bigint('ms') }} as ms,
        {{ dbt_utils.generate_surrogate_key(['user_id', 'song']) }} as user_song_key
    from source
)

select * from final
