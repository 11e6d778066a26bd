{#
    A condition on rows a transform run stamped (_transformed_at: stg_events' rows, or the batches
    int_load_batches listed): stamped after the newest silver row the incremental model `relation`
    has taken in (its own max(_transformed_at), carried through from silver). Depends on the
    model's own state only, so a run that failed or skipped the model is caught up by the next
    one, and a silver full refresh makes every row new again.
#}
{% macro silver_rows_since(relation) -%}
    _transformed_at > {{ taken_in_through(relation) }}
{%- endmacro %}

{# The newest stamp an incremental model `relation` holds: what it has taken in. #}
{% macro taken_in_through(relation) -%}
    (
        select coalesce(max(_transformed_at), {{ no_stamp() }})
        from {{ relation }}
    )
{%- endmacro %}

{# Earlier than any stamp: what a model that has taken nothing in has taken in through. #}
{% macro no_stamp() -%}
    cast('1900-01-01 00:00:00' as timestamp)
{%- endmacro %}
