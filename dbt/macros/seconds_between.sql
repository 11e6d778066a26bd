{#
    Seconds (with microseconds as the fraction) from one UTC timestamp to a later one: the session
    gap and the session length. Each warehouse spells an exact timestamp difference differently;
    Snowflake's datediff counts unit boundaries, so it is asked for microseconds.
#}
{% macro seconds_between(start_at, end_at) -%}
    {{ return(adapter.dispatch('seconds_between', 'playstream')(start_at, end_at)) }}
{%- endmacro %}

{% macro default__seconds_between(start_at, end_at) -%}
    extract(epoch from ({{ end_at }} - {{ start_at }}))
{%- endmacro %}

{% macro duckdb__seconds_between(start_at, end_at) -%}
    (date_diff('microsecond', {{ start_at }}, {{ end_at }}) / 1000000.0)
{%- endmacro %}

{% macro snowflake__seconds_between(start_at, end_at) -%}
    (datediff(microsecond, {{ start_at }}, {{ end_at }}) / 1000000.0)
{%- endmacro %}
