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

{#
    Each row of `rows` (with an event_date) once per grain, with period_grain and
    period_start_date (the period of that grain holding its day) in front of its columns.
#}
{% macro spread_over_periods(rows) -%}
    select
        periods.period_grain,
        {{ period_start('periods.period_grain', 'day_rows.event_date') }} as period_start_date,
        day_rows.*

    from {{ rows }} as day_rows
    cross join ({{ period_grains() }}) as periods
{%- endmacro %}

{# The condition that rows `a` and `b` (aliases) are of one period and the same `keys`. #}
{% macro same_period(a, b, keys) -%}
    {{ same_keys(a, b, ['period_grain', 'period_start_date'] + keys) }}
{%- endmacro %}

{# Rows of a relation with (period_grain, period_start_date, `keys`) whose periods `periods` holds. #}
{% macro in_periods(alias, periods, keys) -%}
    exists (
        select 1
        from {{ periods }} as listed
        where {{ same_period('listed', alias, keys) }}
    )
{%- endmacro %}

{#
    The rows of `rows` (an aggregate with event_date and _transformed_at, per day and `keys`) a
    period mart keyed on (period_grain, period_start_date, `keys`) rolls up, spread over their
    periods. With `recounted` (a relation of such keys) only the rows of those periods, so the
    mart recomputes them from all their days and replaces them. The first key narrows the read
    before the periods are matched: a recounted all-time period needs all of that key's days
    anyway.
#}
{% macro period_rows(rows, keys, recounted='') -%}
    select period_rows.*
    from (
        {% if recounted %}
        {{ spread_over_periods('(select * from ' ~ rows ~ ' where ' ~ keys[0] ~ ' in (select ' ~ keys[0] ~ ' from ' ~ recounted ~ '))') }}
        {% else %}
        {{ spread_over_periods(rows) }}
        {% endif %}
    ) as period_rows
    {% if recounted %}
    where {{ in_periods('period_rows', recounted, keys) }}
    {% endif %}
{%- endmacro %}

{#
    The periods (period_grain, period_start_date, `keys`) that rows of `rows` new to the
    incremental mart `relation` fall in (see silver_rows_since): a mart that recounts what new
    rows touch passes them to period_rows.
#}
{% macro touched_periods(rows, relation, keys) -%}
    select distinct period_grain, period_start_date, {{ keys | join(', ') }}
    from (
        {{ spread_over_periods('(select * from ' ~ rows ~ ' where ' ~ silver_rows_since(relation) ~ ')') }}
    ) as touched
{%- endmacro %}
