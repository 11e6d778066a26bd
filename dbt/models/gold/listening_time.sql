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

{% if is_incremental() %}
touched as (

    {{ touched_periods(ref('int_listener_days'), this, ['user_id', 'device_type', 'country']) }}

),
{% endif %}

listener_periods as (

    {% if is_incremental() %}
    {{ period_rows(ref('int_listener_days'), ['user_id', 'device_type', 'country'], 'touched') }}
    {% else %}
    {{ period_rows(ref('int_listener_days'), ['user_id', 'device_type', 'country']) }}
    {% endif %}

),

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

    from listener_periods
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
