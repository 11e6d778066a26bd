{# Text to bigint, null when not a number: each warehouse its own way. #}
{% macro to_bigint(expression) -%}
    {{ return(adapter.dispatch('to_bigint', 'sample')(expression)) }}
{%- endmacro %}

{% macro default__to_bigint(expression) -%}
    cast({{ expression }} as bigint)
{%- endmacro %}

{% macro duckdb__to_bigint(expression) -%}
    try_cast({{ expression }} as bigint)
{%- endmacro %}

{% macro postgres__to_bigint(expression) -%}
    case when {{ expression }} ~ '^[0-9]+$' then cast({{ expression }} as bigint) end
{%- endmacro %}
