{{ config(materialized='ephemeral') }}

select * from {{ ref('stg_plays') }} where kind in ('play', 'skip')
