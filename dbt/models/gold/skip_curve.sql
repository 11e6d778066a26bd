{#
    How far into a track listeners skip: skips per bucket of var skip_curve_bucket_seconds (10)
    seconds into the track, over all days, all devices and per device, with each bucket's share of
    the skips and the share up to its end. Skips without a position are left out. Rolled up from
    int_skip_positions (days x devices x buckets); a table.
#}
with

skip_positions as (

    select * from {{ ref('int_skip_positions') }}

),

by_device as (

    select
        device_type,
        bucket_start_seconds,
        cast(sum(skips) as bigint) as skips

    from skip_positions
    group by device_type, bucket_start_seconds

),

all_devices as (

    select
        'all' as device_type,
        bucket_start_seconds,
        cast(sum(skips) as bigint) as skips

    from by_device
    group by bucket_start_seconds

),

buckets as (

    select * from by_device
    union all
    select * from all_devices

),

final as (

    select
        device_type,
        bucket_start_seconds,
        bucket_start_seconds + {{ var('skip_curve_bucket_seconds') }} as bucket_end_seconds,
        skips,
        {{ safe_divide('skips', 'sum(skips) over (partition by device_type)') }} as skip_share,
        {{ safe_divide(
            'sum(skips) over (partition by device_type order by bucket_start_seconds rows between unbounded preceding and current row)',
            'sum(skips) over (partition by device_type)') }} as cumulative_skip_share,
        case when bucket_start_seconds < {{ var('stream_min_seconds') }} then true else false end as is_early

    from buckets

)

select * from final
