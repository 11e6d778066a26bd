{#
    Why a bronze row is not a silver event: the first rule it breaks, or null for a valid event.
    Reads the row's bronze columns (text, as loaded) and their typed values beside them
    (typed_bronze_columns()). stg_events keeps the rows it calls valid and stg_events_quarantine the
    others, so one rule decides where each row lands.
    The reasons are the event contract's (RejectReason in pipeline-core, in lower case and in its
    order, checked by DbtContractCopiesTest); EventRules holds the same rules in Java, and
    EventContractAgreementIT gives both one corpus and compares every verdict.
#}
{% macro reject_reason() -%}
    case
        when event_id is null or trim(event_id) = '' then 'missing_event_id'
        when user_id is null or trim(user_id) = '' then 'missing_user_id'
        when song_id is null or trim(song_id) = '' then 'missing_song_id'
        when event_type is null or trim(event_type) = '' then 'missing_event_type'
        -- case-sensitive, as the event contract and the app's EventType are
        when event_type not in ('play', 'pause', 'skip', 'add_to_playlist') then 'unknown_event_type'
        when {{ bronze_column('timestamp') }} is null or trim({{ bronze_column('timestamp') }}) = '' then 'missing_timestamp'
        when event_at is null then 'bad_timestamp'
        -- a real instant, but not one a listener can have played at: a zeroed or wrapped clock,
        -- or a device far ahead of the loader (judged against _loaded_at, so a re-run agrees)
        when event_at < cast('{{ var("earliest_event_at") }}' as timestamp)
            or event_at > _loaded_at + interval '{{ var("max_clock_skew_hours") }} hours'
            then 'timestamp_out_of_range'
        when position_ms is not null and (position_ms_number is null or position_ms_number < 0) then 'bad_position_ms'
        when duration_ms is not null and (duration_ms_number is null or duration_ms_number < 0) then 'bad_duration_ms'
        when schema_version is not null
            and (schema_version_number is null or schema_version_number not between 1 and 32767)
            then 'bad_schema_version'
    end
{%- endmacro %}
