{#
    A condition on two copies of a bronze row's event: `copy` was loaded before `other` (earliest
    _loaded_at, then object key, then line), so the first load of an event wins. stg_events keeps
    the first load, and stg_events_quarantine calls a valid copy a duplicate when silver keeps a
    copy loaded before it: one order for both.
#}
{% macro loaded_before(copy, other) -%}
    ({{ copy }}._loaded_at < {{ other }}._loaded_at
        or ({{ copy }}._loaded_at = {{ other }}._loaded_at and {{ copy }}._source_object < {{ other }}._source_object)
        or ({{ copy }}._loaded_at = {{ other }}._loaded_at and {{ copy }}._source_object = {{ other }}._source_object
            and {{ copy }}._line_number < {{ other }}._line_number))
{%- endmacro %}
