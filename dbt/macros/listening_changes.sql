{#
    How an incremental aggregate of int_listened_events (int_activity_hours, int_listener_days,
    int_skip_positions) takes in a micro-batch by adding what changed, instead of recounting every
    key the batch touches: with keys as coarse as a UTC hour and country, or a day and device, that
    recount read the hour's or the day's events again on every micro-batch, so a micro-batch cost
    more the later in the hour or day it came.

    int_listened_events is its own change record (see that model). A row changed since the
    aggregate's newest stamp counts once as it is now (_sign 1) and, when it replaced a version the
    aggregate took in, once more as that version, negated (_sign -1): the same event columns with
    the listened_ms it had then. Summed with their signs and added to the rows the aggregate holds
    for the keys they touch, the counts equal a recount. A key with a changed row whose replaced
    version the aggregate never took in (it missed a run, or int_listened_events was rebuilt since),
    or with a row written before int_listened_events kept the record, is recounted from all its
    rows instead, as a full build counts it.
#}

{#
    The silver event columns int_listened_events keeps, in its order (it adds listened_ms and the
    stamps): what it reads from silver, and what an aggregate reads of it.
#}
{% macro listened_event_columns() -%}
    event_id, user_id, session_key, song_id, song_name, artist_name, event_type, device_type, country,
    event_at, event_date, event_hour, position_ms, duration_ms
{%- endmacro %}

{# The `keys` that `relation` recounts: those of rows of `listened` whose change it cannot add. #}
{% macro recounted_keys(listened, relation, keys) -%}
    select distinct {{ keys | join(', ') }}
    from {{ listened }}
    where {{ silver_rows_since(relation) }}
        and (_prev_transformed_at is null or {{ change_unknown(relation) }})
{%- endmacro %}

{#
    The rows of `listened` the aggregate `relation` over `keys` counts this run, each with its
    _sign: the rows changed since it last ran, as they are now (1) and as the version it took in
    (-1), outside the keys in `recounted`; and every row of the keys in `recounted` (1).
#}
{% macro signed_listening_rows(listened, relation, keys, recounted) -%}
    select {{ listened_event_columns() }}, listened_ms, _transformed_at, 1 as _sign
    from {{ listened }} as changed
    where {{ silver_rows_since(relation) }}
        and not exists (select 1 from {{ recounted }} as recounted where {{ same_keys('recounted', 'changed', keys) }})

    union all

    select {{ listened_event_columns() }}, _prev_listened_ms, _transformed_at, -1 as _sign
    from {{ listened }} as changed
    where {{ silver_rows_since(relation) }}
        and _prev_transformed_at > {{ no_stamp() }}
        and not exists (select 1 from {{ recounted }} as recounted where {{ same_keys('recounted', 'changed', keys) }})

    union all

    select {{ listened_event_columns() }}, listened_ms, _transformed_at, 1 as _sign
    from {{ listened }} as whole
    where exists (select 1 from {{ recounted }} as recounted where {{ same_keys('recounted', 'whole', keys) }})
{%- endmacro %}

{#
    The new rows of the aggregate `relation` for every key `counted` touches: the signed counts
    `counted` (per `groups`, which start with `keys`) added to the rows `relation` holds for its
    keys, but those in `recounted`, whose rows `counted` holds whole. `measures` are the counts,
    summed; _transformed_at the newest.
#}
{% macro added_to_held(counted, relation, keys, groups, measures, recounted) -%}
    select
        {{ groups | join(', ') }},
        {% for measure in measures %}cast(sum({{ measure }}) as bigint) as {{ measure }},
        {% endfor %}max(_transformed_at) as _transformed_at

    from (
        select {{ groups | join(', ') }}, {{ measures | join(', ') }}, _transformed_at
        from {{ counted }}

        union all

        select {{ groups | join(', ') }}, {{ measures | join(', ') }}, _transformed_at
        from {{ relation }} as held
        where exists (select 1 from {{ counted }} as touched where {{ same_keys('touched', 'held', keys) }})
            and not exists (select 1 from {{ recounted }} as recounted where {{ same_keys('recounted', 'held', keys) }})
    ) as parts
    group by {{ groups | join(', ') }}
{%- endmacro %}
