{#
    Counts and shares of each event type per hour and per day, with the change against the period
    before. Every event type seen gets a row in every period with events, zero when it did not
    occur there, so shares add up to 1. Incremental on (period_grain, period_start_at, event_type):
    a run recomputes the periods new int_listener_hours rows touch, and the period after each.
#}
{{
    config(
        materialized='incremental',
        unique_key=['period_grain', 'period_start_at', 'event_type'],
        indexes=[{'columns': ['period_grain', 'period_start_at', 'event_type']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

listener_hours as (

    select * from {{ ref('int_listener_hours') }}

),

event_types as (

    {{ event_type_names() }}

),

{% if is_incremental() %}
existing_periods as (

    select * from {{ this }}

),

new_listener_hours as (

    -- from the model, not the listener_hours CTE, which DuckDB would materialise whole
    select * from {{ ref('int_listener_hours') }}
    where {{ silver_rows_since(this) }}

),

unseen_event_types as (

    select event_types.event_type
    from new_listener_hours
    cross join event_types
    group by event_types.event_type
    having sum({{ event_type_count('event_types.event_type') }}) > 0

    except

    select event_type from existing_periods

),

recomputed_periods as (

    select 'hour' as period_grain, event_hour_at as period_start_at from new_listener_hours
    union
    select 'hour', event_hour_at + interval '1 hour' from new_listener_hours
    union
    select 'day', date_trunc('day', event_hour_at) from new_listener_hours
    union
    select 'day', date_trunc('day', event_hour_at) + interval '1 day' from new_listener_hours
    union
    -- an event type seen for the first time gives every period a row
    select period_grain, period_start_at from existing_periods
    where exists (select 1 from unseen_event_types)

),

read_days as (

    -- the recomputed periods' days and the days before them, which hold their previous periods
    select cast(date_trunc('day', period_start_at) as date) as event_date from recomputed_periods
    union
    select cast(date_trunc('day', period_start_at) - interval '1 day' as date) from recomputed_periods

),
{% endif %}

hours as (

    select
        event_hour_at,
        {{ sum_event_types() }},
        max(_transformed_at) as _transformed_at

    from listener_hours
    {% if is_incremental() %}
    where event_date in (select event_date from read_days)
    {% endif %}
    group by event_hour_at

),

hourly_counts as (

    select
        hours.event_hour_at,
        event_types.event_type,
        {{ event_type_count('event_types.event_type') }} as event_count,
        hours._transformed_at

    from hours
    cross join event_types
    where {{ event_type_count('event_types.event_type') }} > 0

),

seen_event_types as (

    select distinct event_type from hourly_counts
    {% if is_incremental() %}
    union
    select distinct event_type from existing_periods
    {% endif %}

),

period_counts as (

    select
        'hour' as period_grain,
        event_hour_at as period_start_at,
        event_type,
        event_count,
        _transformed_at

    from hourly_counts

    union all

    select
        'day' as period_grain,
        date_trunc('day', event_hour_at) as period_start_at,
        event_type,
        cast(sum(event_count) as bigint) as event_count,
        max(_transformed_at) as _transformed_at

    from hourly_counts
    group by date_trunc('day', event_hour_at), event_type

),

periods as (

    select
        period_grain,
        period_start_at,
        max(_transformed_at) as _transformed_at

    from period_counts
    group by period_grain, period_start_at

),

shares as (

    select
        periods.period_grain,
        periods.period_start_at,
        case periods.period_grain
            when 'hour' then periods.period_start_at - interval '1 hour'
            else periods.period_start_at - interval '1 day'
        end as previous_period_start_at,
        seen_event_types.event_type,
        coalesce(period_counts.event_count, 0) as event_count,
        cast(sum(coalesce(period_counts.event_count, 0)) over (partition by periods.period_grain, periods.period_start_at) as bigint) as period_event_count,
        periods._transformed_at

    from periods
    cross join seen_event_types
    left join period_counts
        on period_counts.period_grain = periods.period_grain
        and period_counts.period_start_at = periods.period_start_at
        and period_counts.event_type = seen_event_types.event_type

),

final as (

    select
        current_period.period_grain,
        current_period.period_start_at,
        current_period.event_type,
        current_period.event_count,
        current_period.period_event_count,
        {{ safe_divide('current_period.event_count', 'current_period.period_event_count') }} as event_share,
        -- null when the previous period had no events at all
        previous_period.event_count as previous_event_count,
        current_period.event_count - previous_period.event_count as event_count_change,
        {{ safe_divide('previous_period.event_count', 'previous_period.period_event_count') }} as previous_event_share,
        {{ safe_divide('current_period.event_count', 'current_period.period_event_count') }}
            - {{ safe_divide('previous_period.event_count', 'previous_period.period_event_count') }} as event_share_change,
        current_period._transformed_at

    from shares as current_period
    left join shares as previous_period
        on previous_period.period_grain = current_period.period_grain
        and previous_period.event_type = current_period.event_type
        and previous_period.period_start_at = current_period.previous_period_start_at
    {% if is_incremental() %}
    where exists (
        select 1
        from recomputed_periods
        where recomputed_periods.period_grain = current_period.period_grain
            and recomputed_periods.period_start_at = current_period.period_start_at
    )
    {% endif %}

)

select * from final
