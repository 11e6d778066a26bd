{#
    Models land in the schema named in dbt_project.yml (silver, gold) rather than dbt's default
    "<target schema>_<custom schema>": the loader, the runner and Power BI all address
    silver.* and gold.* directly, in every warehouse.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
