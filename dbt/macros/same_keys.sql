{#
    The condition that rows `a` and `b` (aliases) agree on every one of `keys`: how the macros and
    models match rows by their keys. With `=`: a null key matches no row, and the warehouses can
    hash-join on the keys or look them up in an index.
#}
{% macro same_keys(a, b, keys) -%}
    {% for key in keys %}{% if not loop.first %} and {% endif %}{{ a }}.{{ key }} = {{ b }}.{{ key }}{% endfor %}
{%- endmacro %}
