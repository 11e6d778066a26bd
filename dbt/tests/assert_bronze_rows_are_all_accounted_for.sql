-- Nothing is lost silently: every bronze row is either a silver event or a quarantined row.
-- Holds while bronze only grows; after the loader replaced an object's rows, run
-- `dbt build --full-refresh --select stg_events` to re-derive silver from bronze.

with

counts as (

    select
        (select count(*) from {{ source('bronze', 'spotify_events') }}) as bronze_rows,
        (select count(*) from {{ ref('stg_events') }}) as silver_rows,
        (select count(*) from {{ ref('stg_events_quarantine') }}) as quarantined_rows

)

select * from counts
where bronze_rows <> silver_rows + quarantined_rows
