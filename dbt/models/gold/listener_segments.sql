{#
    Audience segments per UTC day, as Spotify for Artists draws them: every listener with any
    event in the trailing var segment_window_days (28) days up to and including the day, by their
    streams over those days: 'super' from var segment_super_min_streams (100), 'moderate' from var
    segment_moderate_min_streams (20), 'light' below. One row per day with data and segment with
    listeners: their number, their share of the day's audience and their streams.

    Incremental, delete+insert on segment_date: a new event on day d changes the windows of d and
    the segment_window_days - 1 days after it, so a run recomputes the days with data from the
    earliest day new aggregate rows touch onwards, each from its window of int_listener_days.
#}
{{
    config(
        materialized='incremental',
        unique_key='segment_date',
        indexes=[{'columns': ['segment_date']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

listener_days as (

    select * from {{ ref('int_listener_days') }}

),

segment_days as (

    select distinct event_date as segment_date
    from listener_days
    {% if is_incremental() %}
    where event_date >= (
        select min(event_date)
        from listener_days
        where {{ silver_rows_since(this) }}
    )
    {% endif %}

),

windows as (

    select
        segment_days.segment_date,
        listener_days.user_id,
        cast(sum(listener_days.streams) as bigint) as streams,
        max(listener_days._transformed_at) as _transformed_at

    from segment_days
    inner join listener_days
        on listener_days.event_date <= segment_days.segment_date
        and listener_days.event_date > cast(segment_days.segment_date - interval '{{ var("segment_window_days") }} days' as date)
    group by segment_days.segment_date, listener_days.user_id

),

segmented as (

    select
        *,
        case
            when streams >= {{ var('segment_super_min_streams') }} then 'super'
            when streams >= {{ var('segment_moderate_min_streams') }} then 'moderate'
            else 'light'
        end as segment

    from windows

),

segment_sizes as (

    select
        segment_date,
        segment,
        count(*) as listeners,
        cast(sum(streams) as bigint) as streams,
        max(_transformed_at) as _transformed_at

    from segmented
    group by segment_date, segment

),

final as (

    select
        segment_date,
        segment,
        listeners,
        {{ safe_divide('listeners', 'sum(listeners) over (partition by segment_date)') }} as listener_share,
        streams,
        _transformed_at

    from segment_sizes

)

select * from final
