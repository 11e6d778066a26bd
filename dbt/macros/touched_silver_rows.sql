{#
    For an incremental model keyed on `keys` (silver columns, never null): every stg_events row
    (`events`, the model's ref to it) whose key some silver row new to the model (see
    silver_rows_since) has, so the model recomputes exactly the keys the new rows touch, from all
    their rows, and replaces them (delete+insert on those keys). Cost follows the touched keys,
    not the history.
#}
{% macro touched_silver_rows(events, relation, keys) -%}
    select events.*
    from {{ events }} as events
    inner join (
        select distinct {{ keys | join(', ') }}
        from {{ events }}
        where {{ silver_rows_since(relation) }}
    ) as touched
        on {% for key in keys %}{% if not loop.first %}
        and {% endif %}touched.{{ key }} = events.{{ key }}{% endfor %}
{%- endmacro %}
