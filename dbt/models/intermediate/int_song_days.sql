{#
    Event counts per song, UTC day, device and country: what top_songs sums and what the device
    and country marts count distinct songs from. Incremental on the keys new silver rows touch:
    their counts are added to the held row (macros/keyed_silver_changes.sql).
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

-- depends_on: {{ ref('int_listened_events') }}

{% set keys = ['event_date', 'song_id', 'device_type', 'country'] %}

with

{% if is_incremental() %}
{{ keyed_silver_changes(ref('stg_events'), this, keys) }},
{% endif %}

counted as (

    select
        event_date,
        song_id,
        device_type,
        country,
        max(song_name) as song_name,
        max(artist_name) as artist_name,
        {{ count_event_types() }},
        max(_transformed_at) as _transformed_at

    from {% if is_incremental() %}counted_silver_rows{% else %}{{ ref('stg_events') }}{% endif %}
    group by event_date, song_id, device_type, country

),

{% if is_incremental() %}
final as (

    select
        event_date,
        song_id,
        device_type,
        country,
        max(song_name) as song_name,
        max(artist_name) as artist_name,
        {{ sum_event_types() }},
        max(_transformed_at) as _transformed_at

    from (
        select * from counted
        union all
        select event_date, song_id, device_type, country, song_name, artist_name,
            events, plays, skips, pauses, playlist_adds, _transformed_at
        from held_rows
    ) as counts
    group by event_date, song_id, device_type, country

)
{% else %}
final as (

    select * from counted

)
{% endif %}

select * from final
