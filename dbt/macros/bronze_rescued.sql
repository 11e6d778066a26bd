{#
    Bronze's _rescued (CONTRACTS.md §3) on a row of `relation`, a CTE holding bronze's columns
    (`select *`): the column's text where bronze has the column, null where it has not (a bronze
    written by another tool or not loaded since the column was added, a unit test's mocked
    bronze). SQL cannot name a column that may be missing, so the row is read as a JSON object,
    which holds the key or not; asking the warehouse for bronze's columns instead would make the
    model's SQL depend on the warehouse when it is compiled, where dbt and the runner render it
    from the project alone.
#}
{% macro bronze_rescued(relation) -%}
    {{ return(adapter.dispatch('bronze_rescued', 'playstream')(relation)) }}
{%- endmacro %}

{% macro default__bronze_rescued(relation) -%}
    (to_jsonb({{ relation }}) ->> '_rescued')
{%- endmacro %}

{% macro duckdb__bronze_rescued(relation) -%}
    (to_json({{ relation }}) ->> '_rescued')
{%- endmacro %}

{% macro snowflake__bronze_rescued(relation) -%}
    {# the unquoted column is upper case on Snowflake; the object leaves a null value out #}
    get(object_construct({{ relation }}.*), '_RESCUED')::varchar
{%- endmacro %}
