{#
    The whole bronze rows of the load batches whose stamps `batches` (a CTE with a _loaded_at
    column, a short list) holds. The semi-join on the stamps lets DuckDB skip the row groups
    outside their range (the loader appends in stamp order); the lower bound is a filter
    PostgreSQL applies in its scan, before the rows are typed, where the semi-join alone had it
    type every row first.
#}
{% macro bronze_rows_of_batches(batches) -%}
    select * from {{ source('bronze', 'spotify_events') }}
    where _loaded_at in (select _loaded_at from {{ batches }})
        and _loaded_at >= (select min(_loaded_at) from {{ batches }})
{%- endmacro %}
