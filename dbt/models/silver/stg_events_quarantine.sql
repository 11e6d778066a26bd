{#
    Every bronze row that did not become a silver event, with the reason, so nothing is lost
    silently: bronze rows = stg_events rows + these rows (tests/assert_bronze_rows_are_all_accounted_for.sql).
    Rebuilt as a table on every run: it is small, and a rule change re-judges all of bronze.
#}
{{ config(materialized='table') }}

with

judged as (

    select * from {{ ref('base_spotify_events') }}

),

rejected as (

    select * from judged
    where reject_reason is not null

),

ranked_valid as (

    -- the same order stg_events keeps the first of
    select
        *,
        row_number() over (
            partition by event_id
            order by _loaded_at, _source_object, _line_number
        ) as load_order

    from judged
    where reject_reason is null

),

duplicates as (

    select * from ranked_valid
    where load_order > 1

),

unioned as (

    select
        reject_reason, event_id, user_id, song_id, artist_name, song_name, event_type, device_type,
        country, event_timestamp_text, session_id, position_ms_text, duration_ms_text,
        schema_version_text, _raw, _source_object, _line_number, _loaded_at
    from rejected

    union all

    select
        'duplicate_event_id' as reject_reason, event_id, user_id, song_id, artist_name, song_name,
        event_type, device_type, country, event_timestamp_text, session_id, position_ms_text,
        duration_ms_text, schema_version_text, _raw, _source_object, _line_number, _loaded_at
    from duplicates

),

final as (

    select
        _source_object,
        _line_number,
        reject_reason,
        event_id,
        user_id,
        song_id,
        artist_name,
        song_name,
        event_type,
        device_type,
        country,
        event_timestamp_text as event_timestamp,
        session_id,
        position_ms_text as position_ms,
        duration_ms_text as duration_ms,
        schema_version_text as schema_version,
        _raw,
        _loaded_at

    from unioned

)

select * from final
