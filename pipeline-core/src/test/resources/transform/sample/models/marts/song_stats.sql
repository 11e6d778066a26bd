{{ config(tags=['daily']) }}

with plays as (
    select * from {{ ref('valid_plays') }}
),

final as (
    select
        song,
        count(case when kind = 'play' then 1 end) as plays,
        count(case when kind = 'skip' then 1 end) as skips,
        count(distinct user_id) as listeners
    from plays
    group by song
    having count(*) >= {{ var('min_plays') }}
)

select * from final
