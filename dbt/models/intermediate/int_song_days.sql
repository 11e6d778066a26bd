{#
    Event counts per song, UTC day, device and country: what top_songs sums and what the device
    and country marts count distinct songs from. Incremental on the keys new silver rows touch.
#}
{{
    config(
        materialized='incremental',
        unique_key=['event_date', 'song_id', 'device_type', 'country'],
        indexes=[{'columns': ['event_date', 'song_id', 'device_type', 'country']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

events as (

    {% if is_incremental() %}
    {{ touched_silver_rows(ref('stg_events'), this, ['event_date', 'song_id', 'device_type', 'country']) }}
    {% else %}
    select * from {{ ref('stg_events') }}
    {% endif %}

),

final as (

    select
        event_date,
        song_id,
        device_type,
        country,
        max(song_name) as song_name,
        max(artist_name) as artist_name,
        {{ count_event_types() }},
        max(_transformed_at) as _transformed_at

    from events
    group by event_date, song_id, device_type, country

)

select * from final
