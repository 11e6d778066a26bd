{#
    Bronze keeps numbers as their JSON text. This casts text to bigint when it is a plain integer
    (optional sign, up to 18 digits, so it always fits) and yields null otherwise, instead of failing
    the whole model on one bad row. The same rule on every warehouse, so a row is quarantined or
    kept alike everywhere; PostgreSQL has no try_cast, hence the regular-expression guard.
#}
{% macro safe_cast_bigint(expression) -%}
    {{ return(adapter.dispatch('safe_cast_bigint', 'playstream')(expression)) }}
{%- endmacro %}

{% macro default__safe_cast_bigint(expression) -%}
    case when regexp_like({{ expression }}, '^[+-]?[0-9]{1,18}$') then cast({{ expression }} as bigint) end
{%- endmacro %}

{% macro postgres__safe_cast_bigint(expression) -%}
    case when {{ expression }} ~ '^[+-]?[0-9]{1,18}$' then cast({{ expression }} as bigint) end
{%- endmacro %}

{% macro duckdb__safe_cast_bigint(expression) -%}
    case when regexp_full_match({{ expression }}, '[+-]?[0-9]{1,18}') then cast({{ expression }} as bigint) end
{%- endmacro %}

{% macro snowflake__safe_cast_bigint(expression) -%}
    case when regexp_like({{ expression }}, '[+-]?[0-9]{1,18}') then cast({{ expression }} as bigint) end
{%- endmacro %}
