{#
    numerator / denominator as a decimal(10, 4) rounded to four places, null when the denominator
    is 0. Casting first keeps PostgreSQL from integer division and gives the same digits on
    every warehouse (DuckDB divides integers as doubles, Snowflake as decimals).
#}
{% macro safe_divide(numerator, denominator) -%}
    {{ return(adapter.dispatch('safe_divide', 'playstream')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__safe_divide(numerator, denominator) -%}
    cast(round(cast({{ numerator }} as decimal(18, 6)) / nullif({{ denominator }}, 0), 4) as decimal(10, 4))
{%- endmacro %}
