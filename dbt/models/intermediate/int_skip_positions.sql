{#
    Skips per UTC day, device and bucket of seconds into the track (var skip_curve_bucket_seconds
    wide; a skip without a position is left out): what skip_curve rolls up from. Incremental on
    the (day, device) new rows touch.
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

with

events as (

    {% if is_incremental() %}
    {{ touched_silver_rows(ref('int_listened_events'), this, ['event_date', 'device_type']) }}
    {% else %}
    select * from {{ ref('int_listened_events') }}
    {% endif %}

),

skips as (

    select
        event_date,
        device_type,
        cast(floor(position_ms / ({{ var('skip_curve_bucket_seconds') }} * 1000.0)) as bigint)
            * {{ var('skip_curve_bucket_seconds') }} as bucket_start_seconds,
        _transformed_at

    from events
    where event_type = 'skip'
        and position_ms is not null

),

final as (

    select
        event_date,
        device_type,
        bucket_start_seconds,
        count(*) as skips,
        max(_transformed_at) as _transformed_at

    from skips
    group by event_date, device_type, bucket_start_seconds

)

select * from final
