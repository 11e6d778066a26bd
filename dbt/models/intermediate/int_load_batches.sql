{#
    The bronze load batches, one row per _loaded_at, each with the run that listed it: stg_events
    and stg_events_quarantine take in the batches listed since they last ran. A batch is stamped
    when its load begins and committed at once, so it can commit after a batch stamped later: a run
    lists the stamps within var('late_data_lookback_hours') of the newest one here that are not
    here yet, rather than only the stamps newer than it.
#}
{{
    config(
        incremental_strategy='append',
        on_schema_change='append_new_columns'
    )
}}

with

{% if is_incremental() %}
listed_batches as (

    select _loaded_at from {{ this }}

),
{% endif %}

bronze_batches as (

    select distinct _loaded_at
    from {{ source('bronze', 'spotify_events') }}
    {% if is_incremental() %}
    where _loaded_at >= (
        select coalesce(max(_loaded_at), {{ no_stamp() }})
            - interval '{{ var("late_data_lookback_hours") }} hours'
        from listed_batches
    )
    {% endif %}

),

new_batches as (

    select * from bronze_batches
    {% if is_incremental() %}
    where _loaded_at not in (select _loaded_at from listed_batches)
    {% endif %}

),

final as (

    select
        _loaded_at,
        {{ transform_timestamp() }} as _transformed_at

    from new_batches

)

select * from final
