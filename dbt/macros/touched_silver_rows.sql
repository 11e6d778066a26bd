{#
    For an incremental model keyed on `keys` (silver columns, never null): every stg_events row
    (`events`, the model's ref to it) whose key some silver row new to the model (see
    silver_rows_since) has, so the model recomputes exactly the keys the new rows touch, from all
    their rows, and replaces them (delete+insert on those keys). Cost follows the touched keys,
    not the history.

    A semi-join (exists), not an inner join: on an inner join on the group keys, DuckDB's optimizer
    pre-aggregates all of silver before joining (10 million rows for a few thousand keys); the
    semi-join reads only the touched keys' rows.
#}
{% macro touched_silver_rows(events, relation, keys) -%}
    select events.*
    from {{ events }} as events
    where exists (
        select 1
        from (
            select distinct {{ keys | join(', ') }}
            from {{ events }}
            where {{ silver_rows_since(relation) }}
        ) as touched
        where {{ same_keys('touched', 'events', keys) }}
    )
{%- endmacro %}
