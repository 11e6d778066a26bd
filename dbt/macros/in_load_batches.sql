{#
    A condition on bronze rows: loaded in one of the load batches `batches` (a CTE or relation with
    a _loaded_at column, a short list) holds. The semi-join lets DuckDB skip the row groups outside
    the batches' range (the loader appends in stamp order); the lower bound is a filter PostgreSQL
    applies in its scan, before a model types the rows.
#}
{% macro in_load_batches(batches) -%}
    _loaded_at in (select _loaded_at from {{ batches }})
    and _loaded_at >= (select min(_loaded_at) from {{ batches }})
{%- endmacro %}
