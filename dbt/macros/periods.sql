{#
    The periods the listening marts report on: a UTC day, an ISO week (Monday to Sunday), a
    calendar month, a calendar year, and all time. A period is named by its grain and its first
    day; all time starts on the day of var earliest_event_at, before which silver accepts no
    event, so every key is a real date and delete+insert can match it.

    `period_grains()` is the body of a CTE with one row per grain (period_grain); `period_start`
    the first day of the period of `grain` that holds the date `event_date`. Snowflake truncates
    weeks to Monday under its default WEEK_START (0).
#}
{% macro period_grains() -%}
    select 'day' as period_grain
    union all select 'week'
    union all select 'month'
    union all select 'year'
    union all select 'all_time'
{%- endmacro %}

{% macro period_start(grain, event_date) -%}
    case {{ grain }}
        when 'day' then {{ event_date }}
        when 'week' then cast(date_trunc('week', cast({{ event_date }} as timestamp)) as date)
        when 'month' then cast(date_trunc('month', cast({{ event_date }} as timestamp)) as date)
        when 'year' then cast(date_trunc('year', cast({{ event_date }} as timestamp)) as date)
        else cast(cast('{{ var("earliest_event_at") }}' as timestamp) as date)
    end
{%- endmacro %}
