{#
    A bronze column whose name is an SQL keyword (the event's "timestamp"), quoted so every
    warehouse reads it as a column. The loader creates bronze columns unquoted, which PostgreSQL and
    DuckDB store in lower case and Snowflake in upper case, so the quoted spelling differs.
#}
{% macro bronze_column(name) -%}
    {{ return(adapter.dispatch('bronze_column', 'playstream')(name)) }}
{%- endmacro %}

{% macro default__bronze_column(name) -%}
    "{{ name | lower }}"
{%- endmacro %}

{% macro snowflake__bronze_column(name) -%}
    "{{ name | upper }}"
{%- endmacro %}
