{#
    Every bronze row that did not become a silver event, with the reason, so nothing is lost
    silently: bronze rows = stg_events rows + these rows (tests/assert_bronze_rows_are_all_accounted_for.sql).
    A valid row is a duplicate when stg_events keeps a copy of its event_id loaded before it, so
    both models follow one rule. Loads commit while transforms run: a batch that lands after
    stg_events ran is judged here for its rejects and known duplicates, and its other rows once
    silver has them (a later run), never guessed.

    Incremental, delete+insert on (_source_object, _line_number). A run judges the bronze batches
    (one _loaded_at each, see stg_events) that are within the lookback window and not judged yet:
    neither quarantined here, nor taken into silver by a run before this model's last one
    (silver's _transformed_at up to the newest one here). It also re-judges the copies of every
    event silver took in since then: when a late-committed copy with an earlier _loaded_at
    replaced the kept one, the copy kept before becomes a duplicate.
#}
{{
    config(
        materialized='incremental',
        unique_key=['_source_object', '_line_number'],
        indexes=[{'columns': ['_source_object', '_line_number']}],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}

with

{% if is_incremental() %}
judged_through as (

    -- silver rows stamped up to here were in silver when this model last ran
    select coalesce(max(_transformed_at), cast('1900-01-01 00:00:00' as timestamp)) as transformed_at
    from {{ this }}

),

load_window as (

    select
        coalesce(max(_loaded_at), cast('1900-01-01 00:00:00' as timestamp))
            - interval '{{ var("late_data_lookback_hours") }} hours' as window_start
    from {{ ref('stg_events') }}
    where _transformed_at <= (select transformed_at from judged_through)

),

new_silver_rows as (

    -- silver rows taken in since this model last ran
    select event_id, _loaded_at from {{ ref('stg_events') }}
    where _transformed_at > (select transformed_at from judged_through)

),

judged_batches as (

    select _loaded_at from {{ this }}
    where _loaded_at >= (select window_start from load_window)

    union

    select _loaded_at from {{ ref('stg_events') }}
    where _transformed_at <= (select transformed_at from judged_through)
        and _loaded_at >= (select window_start from load_window)

),

unjudged_batches as (

    -- the stamps in the window not judged yet, read from the one narrow column
    select distinct _loaded_at
    from {{ source('bronze', 'spotify_events') }}
    where _loaded_at >= (select window_start from load_window)
        and _loaded_at not in (select _loaded_at from judged_batches)

),

new_batches as (

    -- whole rows of those batches only
    {{ bronze_rows_of_batches('unjudged_batches') }}

),

later_judged_batches as (

    -- the judged batches that can hold a copy of an event silver took in since: silver took such
    -- an event in from a batch stamped no later than the copy (the first load wins; a batch judged
    -- before silver had it holds both the kept copy and rows that wait for it), so only batches
    -- stamped from the earliest new silver row on can: none in an hourly run
    select _loaded_at from judged_batches
    where _loaded_at >= (select min(_loaded_at) from new_silver_rows)

),

copies_of_new_events as (

    -- copies in batches judged before, of events silver took in since
    {{ bronze_rows_of_batches('later_judged_batches') }}
        and event_id in (select event_id from new_silver_rows)

),

candidates as (

    -- each narrowed by batch and event before typing, so a run types new rows, not the window
    {{ judged_bronze_rows('new_batches') }}

    union all

    select * from (
        {{ judged_bronze_rows('copies_of_new_events') }}
    ) as copies
    where reject_reason is null

),
{% else %}
candidates as (

    {{ judged_bronze_rows(source('bronze', 'spotify_events')) }}

),
{% endif %}

rejected as (

    select * from candidates
    where reject_reason is not null

),

kept_rows as (

    -- silver's row of each valid candidate's event, wherever in history silver took it in (a replay
    -- can copy an event of any age); PostgreSQL finds them through silver's event_id index
    select event_id, _source_object, _line_number, _loaded_at from {{ ref('stg_events') }}
    {% if is_incremental() %}
    where event_id in (select event_id from candidates where reject_reason is null)
    {% endif %}

),

duplicates as (

    -- valid, and silver keeps a copy of the event loaded before this one (the first load wins:
    -- earliest _loaded_at, then object, then line, as stg_events ranks). Not "any row silver did
    -- not keep": a load can commit after stg_events ran and before this model does, and its rows,
    -- unseen by silver, wait here for a later run instead of being called duplicates for ever
    select * from candidates
    where reject_reason is null
        and exists (
            select 1
            from kept_rows
            where kept_rows.event_id = candidates.event_id
                and (
                    kept_rows._loaded_at < candidates._loaded_at
                    or (kept_rows._loaded_at = candidates._loaded_at
                        and (kept_rows._source_object < candidates._source_object
                            or (kept_rows._source_object = candidates._source_object
                                and kept_rows._line_number < candidates._line_number)))
                )
        )

),

unioned as (

    select
        reject_reason, event_id, user_id, song_id, artist_name, song_name, event_type, device_type,
        country, event_timestamp_text, session_id, position_ms_text, duration_ms_text,
        schema_version_text, _raw, _source_object, _line_number, _loaded_at
    from rejected

    union all

    select
        'duplicate_event_id' as reject_reason, event_id, user_id, song_id, artist_name, song_name,
        event_type, device_type, country, event_timestamp_text, session_id, position_ms_text,
        duration_ms_text, schema_version_text, _raw, _source_object, _line_number, _loaded_at
    from duplicates

),

final as (

    select
        _source_object,
        _line_number,
        reject_reason,
        event_id,
        user_id,
        song_id,
        artist_name,
        song_name,
        event_type,
        device_type,
        country,
        event_timestamp_text as event_timestamp,
        session_id,
        position_ms_text as position_ms,
        duration_ms_text as duration_ms,
        schema_version_text as schema_version,
        _raw,
        _loaded_at,
        -- the newest silver stamp this run judged against: this model's watermark
        (select max(_transformed_at) from {{ ref('stg_events') }}) as _transformed_at

    from unioned

)

select * from final
