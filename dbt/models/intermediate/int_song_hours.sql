{#
    Event counts per song and UTC hour: what engagement_by_hour counts distinct songs from.
    Incremental on the keys new silver rows touch.
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

with

events as (

    {% if is_incremental() %}
    {{ touched_silver_rows(ref('stg_events'), this, ['event_date', 'event_hour', 'song_id']) }}
    {% else %}
    select * from {{ ref('stg_events') }}
    {% endif %}

),

final as (

    select
        event_date,
        event_hour,
        song_id,
        {{ count_event_types() }},
        max(_transformed_at) as _transformed_at

    from events
    group by event_date, event_hour, song_id

)

select * from final
