{#
    The typed values of a bronze row's text columns, for a select list beside the row's own
    columns: reject_reason() judges the row from both, and stg_events keeps the typed values.
#}
{% macro typed_bronze_columns() -%}
    {{ to_utc_timestamp(bronze_column('timestamp')) }} as event_at,
    {{ safe_cast_bigint('position_ms') }} as position_ms_number,
    {{ safe_cast_bigint('duration_ms') }} as duration_ms_number,
    {{ safe_cast_bigint('schema_version') }} as schema_version_number
{%- endmacro %}
