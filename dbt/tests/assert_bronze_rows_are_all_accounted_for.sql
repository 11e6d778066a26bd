-- Nothing is lost silently: every bronze row is either a silver event or a quarantined row, checked
-- per load batch (one _loaded_at each; each row keeps its own batch's stamp in either model).
-- A batch silver has no row of yet is skipped while it is within the late-data lookback of silver's
-- newest batch: loads commit while transforms run, and a batch that landed after stg_events ran
-- is taken in by the next run. Older, it counts: lost for good.
-- A batch whose bronze rows are all gone was replaced: a sink that crashed after writing an object
-- rewrites the same key when it replays, and a loader that had loaded the first version (in
-- continuous mode, within a second) reloads it under a new stamp. Silver keeps the first copy of
-- each event; the reload's copies are quarantined as its duplicates, so the new batch balances
-- and the old one, with no bronze rows left, is not counted. `dbt build --full-refresh --select
-- stg_events` re-derives silver from bronze as it is now.

with

bronze_batches as (

    select _loaded_at, count(*) as rows_in_batch
    from {{ source('bronze', 'spotify_events') }}
    group by _loaded_at

),

silver_batches as (

    select _loaded_at, count(*) as rows_in_batch
    from {{ ref('stg_events') }}
    group by _loaded_at

),

quarantined_batches as (

    select _loaded_at, count(*) as rows_in_batch
    from {{ ref('stg_events_quarantine') }}
    group by _loaded_at

),

stamps as (

    select _loaded_at from bronze_batches
    union
    select _loaded_at from silver_batches
    union
    select _loaded_at from quarantined_batches

),

compared as (

    select
        stamps._loaded_at,
        coalesce(bronze_batches.rows_in_batch, 0) as bronze_rows,
        coalesce(silver_batches.rows_in_batch, 0) as silver_rows,
        coalesce(quarantined_batches.rows_in_batch, 0) as quarantined_rows
    from stamps
    left join bronze_batches on bronze_batches._loaded_at = stamps._loaded_at
    left join silver_batches on silver_batches._loaded_at = stamps._loaded_at
    left join quarantined_batches on quarantined_batches._loaded_at = stamps._loaded_at

)

select * from compared
where bronze_rows <> silver_rows + quarantined_rows
    -- replaced by a reload of its objects (above)
    and bronze_rows > 0
    and not (
        -- landed after stg_events ran: the next run takes it in
        silver_rows = 0
        and _loaded_at >= coalesce(
            (select max(_loaded_at) from silver_batches) - interval '{{ var("late_data_lookback_hours") }} hours',
            _loaded_at  -- silver is empty: every batch landed after it ran
        )
    )
