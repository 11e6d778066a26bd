{#
    Per song, listener and UTC day: plays, streams, time listened, skips (early ones apart) and
    playlist adds. The period marts sum it and count its distinct listeners (a listener counts once
    a period, which daily counts cannot give). Incremental on the keys that rows of
    int_listened_events stamped after this model's newest stamp touch.
    On PostgreSQL a second index, on the listener, serves listener_discoveries' lookup of a touched
    listener's rows: with only the unique key's (led by event_date), each lookup read the whole
    index (111 s for one incremental hour at 500k events; 1.3 s with it). An index on the song or
    the artist made the period marts' plans worse (nested loops over 1M probes), so there is none.
#}
{{
    config(
        materialized='incremental',
        unique_key=['event_date', 'song_id', 'user_id'],
        indexes=[
            {'columns': ['event_date', 'song_id', 'user_id']},
            {'columns': ['user_id']}
        ],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

events as (

    {% if is_incremental() %}
    {{ touched_silver_rows(ref('int_listened_events'), this, ['event_date', 'song_id', 'user_id']) }}
    {% else %}
    select * from {{ ref('int_listened_events') }}
    {% endif %}

),

final as (

    select
        event_date,
        song_id,
        user_id,
        max(song_name) as song_name,
        max(artist_name) as artist_name,
        {{ count_listening() }},
        max(_transformed_at) as _transformed_at

    from events
    group by event_date, song_id, user_id

)

select * from final
