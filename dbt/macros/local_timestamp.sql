{#
    A UTC timestamp (without time zone) as the wall-clock time in the IANA time zone `zone` (an
    expression, e.g. a column holding 'Europe/Berlin'), daylight saving included. DuckDB converts
    with its ICU time zones, PostgreSQL and Snowflake with their own.
#}
{% macro local_timestamp(utc_timestamp, zone) -%}
    {{ return(adapter.dispatch('local_timestamp', 'playstream')(utc_timestamp, zone)) }}
{%- endmacro %}

{% macro default__local_timestamp(utc_timestamp, zone) -%}
    (({{ utc_timestamp }}) at time zone 'UTC') at time zone {{ zone }}
{%- endmacro %}

{% macro duckdb__local_timestamp(utc_timestamp, zone) -%}
    timezone({{ zone }}, timezone('UTC', {{ utc_timestamp }}))
{%- endmacro %}

{% macro snowflake__local_timestamp(utc_timestamp, zone) -%}
    convert_timezone('UTC', {{ zone }}, {{ utc_timestamp }})
{%- endmacro %}

{#
    The ISO day of the week of a date or timestamp: 1 for Monday to 7 for Sunday.
#}
{% macro iso_weekday(value) -%}
    {{ return(adapter.dispatch('iso_weekday', 'playstream')(value)) }}
{%- endmacro %}

{% macro default__iso_weekday(value) -%}
    cast(extract(isodow from {{ value }}) as integer)
{%- endmacro %}

{% macro snowflake__iso_weekday(value) -%}
    cast(dayofweekiso({{ value }}) as integer)
{%- endmacro %}
