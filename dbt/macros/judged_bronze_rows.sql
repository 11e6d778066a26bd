{#
    The rows of `rows` (a relation or CTE with bronze.spotify_events' columns) typed, with the
    first rule each breaks in reject_reason (null for a valid event). stg_events and
    stg_events_quarantine both judge with it, so one rule decides every row and each row lands in
    exactly one of them. Each model first narrows bronze to the rows it needs (by load batch,
    before any typing), so a run types the new batches, not the history.
    The reasons are the event contract's (RejectReason in pipeline-core, in lower case and in its
    order, checked by DbtContractCopiesTest); EventRules holds the same rules in Java, and
    EventContractAgreementIT gives both one corpus and compares every verdict.
#}
{% macro judged_bronze_rows(rows) -%}
    select
        *,
        case
            when event_id is null or trim(event_id) = '' then 'missing_event_id'
            when user_id is null or trim(user_id) = '' then 'missing_user_id'
            when song_id is null or trim(song_id) = '' then 'missing_song_id'
            when event_type is null or trim(event_type) = '' then 'missing_event_type'
            -- case-sensitive, as the event contract and the app's EventType are
            when event_type not in ('play', 'pause', 'skip', 'add_to_playlist') then 'unknown_event_type'
            when event_timestamp_text is null or trim(event_timestamp_text) = '' then 'missing_timestamp'
            when event_at is null then 'bad_timestamp'
            -- a real instant, but not one a listener can have played at: a zeroed or wrapped clock,
            -- or a device far ahead of the loader (judged against _loaded_at, so a re-run agrees)
            when event_at < cast('{{ var("earliest_event_at") }}' as timestamp)
                or event_at > _loaded_at + interval '{{ var("max_clock_skew_hours") }} hours'
                then 'timestamp_out_of_range'
            when position_ms_text is not null and (position_ms is null or position_ms < 0) then 'bad_position_ms'
            when duration_ms_text is not null and (duration_ms is null or duration_ms < 0) then 'bad_duration_ms'
            when schema_version_text is not null
                and (schema_version_number is null or schema_version_number not between 1 and 32767)
                then 'bad_schema_version'
        end as reject_reason

    from (

        select
            event_id,
            user_id,
            song_id,
            artist_name,
            song_name,
            event_type,
            device_type,
            country,
            {{ bronze_column('timestamp') }} as event_timestamp_text,
            {{ to_utc_timestamp(bronze_column('timestamp')) }} as event_at,
            session_id,
            position_ms as position_ms_text,
            {{ safe_cast_bigint('position_ms') }} as position_ms,
            duration_ms as duration_ms_text,
            {{ safe_cast_bigint('duration_ms') }} as duration_ms,
            schema_version as schema_version_text,
            {{ safe_cast_bigint('schema_version') }} as schema_version_number,
            _raw,
            _source_object,
            _line_number,
            _loaded_at

        from {{ rows }}

    ) as typed
{%- endmacro %}
