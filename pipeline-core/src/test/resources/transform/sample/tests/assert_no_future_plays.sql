select * from {{ ref('stg_plays') }} where played_at > timestamp '2100-01-01 00:00:00'
