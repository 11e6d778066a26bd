{#
    Weekly retention: listeners grouped by the ISO week (Monday, UTC) of their first event, and for
    that week and each later week with data, the share of the cohort with any event in it.
    week_number 0 is the cohort's own week (share 1). Rolled up from int_listener_days (listeners x
    days); a table, since a listener's first event decides the whole row set.
#}
with

listener_days as (

    select * from {{ ref('int_listener_days') }}

),

listener_weeks as (

    select distinct
        user_id,
        cast(date_trunc('week', cast(event_date as timestamp)) as date) as active_week

    from listener_days

),

cohorts as (

    select
        user_id,
        min(active_week) as cohort_week

    from listener_weeks
    group by user_id

),

cohort_sizes as (

    select
        cohort_week,
        count(*) as cohort_listeners

    from cohorts
    group by cohort_week

),

weeks as (

    select distinct active_week from listener_weeks

),

cohort_weeks as (

    -- every week from the cohort's own to the last with data, active listeners or not
    select
        cohort_sizes.cohort_week,
        cohort_sizes.cohort_listeners,
        weeks.active_week

    from cohort_sizes
    inner join weeks
        on weeks.active_week >= cohort_sizes.cohort_week

),

active as (

    select
        cohorts.cohort_week,
        listener_weeks.active_week,
        count(*) as active_listeners

    from listener_weeks
    inner join cohorts
        on cohorts.user_id = listener_weeks.user_id
    group by cohorts.cohort_week, listener_weeks.active_week

),

final as (

    select
        cohort_weeks.cohort_week,
        cohort_weeks.active_week,
        cast(round({{ seconds_between('cast(cohort_weeks.cohort_week as timestamp)', 'cast(cohort_weeks.active_week as timestamp)') }} / 604800) as integer) as week_number,
        cohort_weeks.cohort_listeners,
        coalesce(active.active_listeners, 0) as active_listeners,
        {{ safe_divide('coalesce(active.active_listeners, 0)', 'cohort_weeks.cohort_listeners') }} as retention_share

    from cohort_weeks
    left join active
        on active.cohort_week = cohort_weeks.cohort_week
        and active.active_week = cohort_weeks.active_week

)

select * from final
