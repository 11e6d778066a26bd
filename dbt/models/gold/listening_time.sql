{#
    Time listened per listener, device, country and period (a UTC day, an ISO week, a month, a
    year, all time; macros/periods.sql), with plays and streams, rolled up from int_listener_days.
    Every figure adds up, so a report sums rows for a country, a device or all listeners.

    Incremental, delete+insert on (period_grain, period_start_date, user_id, device_type, country):
    a run recomputes the periods of the listener-device-country groups whose days new aggregate
    rows touch.
#}
{{
    config(
        materialized='incremental',
        unique_key=['period_grain', 'period_start_date', 'user_id', 'device_type', 'country'],
        indexes=[{'columns': ['period_grain', 'period_start_date', 'user_id', 'device_type', 'country']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

listener_days as (

    select * from {{ ref('int_listener_days') }}

),

periods as (

    {{ period_grains() }}

),

{% if is_incremental() %}
touched_periods as (

    select distinct
        periods.period_grain,
        {{ period_start('periods.period_grain', 'new_rows.event_date') }} as period_start_date,
        new_rows.user_id,
        new_rows.device_type,
        new_rows.country

    from listener_days as new_rows
    cross join periods
    where {{ silver_rows_since(this) }}

),
{% endif %}

listener_periods as (

    select
        periods.period_grain,
        {{ period_start('periods.period_grain', 'listener_days.event_date') }} as period_start_date,
        listener_days.*

    from listener_days
    cross join periods
    {% if is_incremental() %}
    where listener_days.user_id in (select user_id from touched_periods)
    {% endif %}

),

{% if is_incremental() %}
touched_listener_periods as (

    select listener_periods.*
    from listener_periods
    where exists (
        select 1
        from touched_periods
        where touched_periods.period_grain = listener_periods.period_grain
            and touched_periods.period_start_date = listener_periods.period_start_date
            and touched_periods.user_id = listener_periods.user_id
            and touched_periods.device_type = listener_periods.device_type
            and touched_periods.country = listener_periods.country
    )

),
{% endif %}

totals as (

    select
        period_grain,
        period_start_date,
        user_id,
        device_type,
        country,
        cast(sum(events) as bigint) as events,
        {{ sum_listening() }},
        count(*) as active_days,
        max(_transformed_at) as _transformed_at

    {% if is_incremental() %}
    from touched_listener_periods
    {% else %}
    from listener_periods
    {% endif %}
    group by period_grain, period_start_date, user_id, device_type, country

),

final as (

    select
        period_grain,
        period_start_date,
        user_id,
        device_type,
        country,
        listened_ms,
        {{ minutes_from_ms('listened_ms') }} as listened_minutes,
        plays,
        streams,
        skips,
        playlist_adds,
        events,
        active_days,
        _transformed_at

    from totals

)

select * from final
