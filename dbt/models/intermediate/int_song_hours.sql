{#
    Event counts per song and UTC hour: what engagement_by_hour counts distinct songs from.
    Incremental on the keys new silver rows touch: their counts are added to the held row
    (macros/keyed_silver_changes.sql).
#}
{{
    config(
        materialized='incremental',
        unique_key=['event_date', 'event_hour', 'song_id'],
        indexes=[{'columns': ['event_date', 'event_hour', 'song_id']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

-- depends_on: {{ ref('int_listened_events') }}

{% set keys = ['event_date', 'event_hour', 'song_id'] %}

with

{% if is_incremental() %}
{{ keyed_silver_changes(ref('stg_events'), this, keys) }},
{% endif %}

counted as (

    select
        event_date,
        event_hour,
        song_id,
        {{ count_event_types() }},
        max(_transformed_at) as _transformed_at

    from {% if is_incremental() %}counted_silver_rows{% else %}{{ ref('stg_events') }}{% endif %}
    group by event_date, event_hour, song_id

),

{% if is_incremental() %}
final as (

    select
        event_date,
        event_hour,
        song_id,
        {{ sum_event_types() }},
        max(_transformed_at) as _transformed_at

    from (
        select * from counted
        union all
        select event_date, event_hour, song_id, events, plays, skips, pauses, playlist_adds, _transformed_at
        from held_rows
    ) as counts
    group by event_date, event_hour, song_id

)
{% else %}
final as (

    select * from counted

)
{% endif %}

select * from final
