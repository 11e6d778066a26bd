select distinct user_id, song from {{ ref('stg_plays') }}
