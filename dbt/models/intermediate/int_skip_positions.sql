{#
    Skips per UTC day, device and bucket of seconds into the track (var skip_curve_bucket_seconds
    wide; a skip without a position is left out): what skip_curve rolls up from. Incremental on
    the (day, device) new rows touch, adding what changed to what it holds
    (macros/listening_changes.sql): a recount of the day's skips on every micro-batch grew with the day.
#}
{{
    config(
        materialized='incremental',
        unique_key=['event_date', 'device_type'],
        indexes=[{'columns': ['event_date', 'device_type']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

{%- set keys = ['event_date', 'device_type'] %}

with

{% if is_incremental() %}
recounted as (

    {{ recounted_keys(ref('int_listened_events'), this, keys) }}

),
{% endif %}

events as (

    {% if is_incremental() %}
    {{ signed_listening_rows(ref('int_listened_events'), this, keys, 'recounted') }}
    {% else %}
    select *, 1 as _sign from {{ ref('int_listened_events') }}
    {% endif %}

),

skips as (

    select
        event_date,
        device_type,
        cast(floor(position_ms / ({{ var('skip_curve_bucket_seconds') }} * 1000.0)) as bigint)
            * {{ var('skip_curve_bucket_seconds') }} as bucket_start_seconds,
        _sign,
        _transformed_at

    from events
    where event_type = 'skip'
        and position_ms is not null

),

counted as (

    select
        event_date,
        device_type,
        bucket_start_seconds,
        cast(sum(_sign) as bigint) as skips,
        max(_transformed_at) as _transformed_at

    from skips
    group by event_date, device_type, bucket_start_seconds

),

final as (

    {% if is_incremental() %}
    {{ added_to_held('counted', this, keys, ['event_date', 'device_type', 'bucket_start_seconds'], ['skips'], 'recounted') }}
    {% else %}
    select * from counted
    {% endif %}

)

select * from final
