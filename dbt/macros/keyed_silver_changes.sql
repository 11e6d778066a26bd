{#
    How an incremental aggregate of stg_events keyed on `keys` (silver columns, never null) takes
    in a micro-batch by adding what its new rows count to the row it holds for their key, instead
    of recounting the key from all its silver rows: a busy key (a popular song's day, a listener's
    day) was read whole again on every micro-batch, so a micro-batch cost more the later in the day
    it came.

    Counts add up only over events the model has not counted. Silver replaces an event by a copy
    loaded earlier (the same event), which a sum would count twice; so a key whose new rows are not
    all first copies (int_listened_events' change record: _prev_transformed_at is no_stamp() on an
    event's first row there) is recounted from all its silver rows, as a full build counts it. A
    model using these CTEs declares `-- depends_on: {{ ref('int_listened_events') }}`: the ref is
    only made on incremental runs.

    The CTEs, for the model's `with`:
    - touched_keys: the keys new silver rows touch, with adds_up (1: their counts are added);
    - counted_silver_rows: the silver rows the model counts this run (the new rows of keys that add
      up, and every row of keys recounted);
    - held_rows: the model's own rows of the keys that add up, to add the counts to.
#}
{% macro keyed_silver_changes(events, relation, keys) -%}
new_silver_rows as (

    select * from {{ events }}
    where {{ silver_rows_since(relation) }}

),

touched_keys as (

    select
        {% for key in keys %}new_silver_rows.{{ key }},
        {% endfor %}min(case when first_copies.event_id is null then 0 else 1 end) as adds_up

    from new_silver_rows
    left join (
        {{ first_copies(relation) }}
    ) as first_copies
        on first_copies.event_id = new_silver_rows.event_id
    group by {% for key in keys %}{% if not loop.first %}, {% endif %}new_silver_rows.{{ key }}{% endfor %}

),

counted_silver_rows as (

    select * from new_silver_rows
    where exists (
        select 1 from touched_keys
        where touched_keys.adds_up = 1 and {{ same_keys('touched_keys', 'new_silver_rows', keys) }}
    )

    union all

    -- a semi-join: see touched_silver_rows
    select events.*
    from {{ events }} as events
    where exists (
        select 1 from touched_keys
        where touched_keys.adds_up = 0 and {{ same_keys('touched_keys', 'events', keys) }}
    )

),

held_rows as (

    select held.*
    from {{ relation }} as held
    where exists (
        select 1 from touched_keys
        where touched_keys.adds_up = 1 and {{ same_keys('touched_keys', 'held', keys) }}
    )

)
{%- endmacro %}

{#
    The event_id of each silver row stamped since `relation` last ran whose event it cannot have
    counted: the first copy of an event in silver (a row of int_listened_events is at least as new as its silver row,
    hence the filter on its stamp). An event int_listened_events has not taken in, or whose row
    there it rewrote since, is not among them: the callers recount those, which is always right.
#}
{% macro first_copies(relation) -%}
    select event_id
    from {{ ref('int_listened_events') }}
    where {{ silver_rows_since(relation) }}
        and _prev_transformed_at = {{ no_stamp() }}
{%- endmacro %}
