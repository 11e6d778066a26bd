{#
    A condition on bronze rows: loaded in one of the load batches `batches` (a CTE or relation with
    a _loaded_at column, a short list) holds. The semi-join lets DuckDB skip the row groups outside
    the batches' range (the loader appends in stamp order); the lower bound is a filter PostgreSQL
    applies in its scan, before a model types the rows. With no batch the bound is a date no load
    reaches, not null: DuckDB skips row groups by a bound it knows, and against null it read all
    of bronze, every column, for nothing (the quarantine's older copies, in most runs: 1.5 of its
    1.9 s on 1.8M events).
#}
{% macro in_load_batches(batches) -%}
    _loaded_at in (select _loaded_at from {{ batches }})
    and _loaded_at >= coalesce((select min(_loaded_at) from {{ batches }}), cast('9999-12-31 00:00:00' as timestamp))
{%- endmacro %}
