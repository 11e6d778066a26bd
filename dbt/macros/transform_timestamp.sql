{#
    The warehouse's clock when a model's statement runs, as a timestamp without time zone:
    stg_events stamps every row it writes with it (_transformed_at), and every incremental model
    downstream picks up the silver rows stamped after the newest stamp it holds itself. Runs are
    serialised (one transform at a time), and one warehouse has one clock, so stamps only grow.
#}
{% macro transform_timestamp() -%}
    {{ return(adapter.dispatch('transform_timestamp', 'playstream')()) }}
{%- endmacro %}

{% macro default__transform_timestamp() -%}
    cast(current_timestamp as timestamp)
{%- endmacro %}

{% macro snowflake__transform_timestamp() -%}
    cast(current_timestamp() as timestamp_ntz)
{%- endmacro %}
