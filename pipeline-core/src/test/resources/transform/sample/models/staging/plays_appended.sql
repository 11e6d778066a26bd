{{ config(materialized='incremental') }}

select play_id, kind, played_at
from {{ source('raw', 'plays') }}
{% if is_incremental() %}
where played_at > (select max(played_at) from {{ this }})
{% endif %}
