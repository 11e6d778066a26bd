{#
    The event counts every gold model reports, spelled once so they mean the same everywhere.
    count(case ...) rather than sum(case ...): a bigint on every warehouse.
#}
{% macro count_event_types() -%}
    count(*) as events,
    count(case when event_type = 'play' then 1 end) as plays,
    count(case when event_type = 'skip' then 1 end) as skips,
    count(case when event_type = 'pause' then 1 end) as pauses,
    count(case when event_type = 'add_to_playlist' then 1 end) as playlist_adds
{%- endmacro %}

{#
    The same counts rolled up from an aggregate model that holds them: sums cast back to bigint
    (DuckDB sums bigints to hugeint, PostgreSQL to numeric).
#}
{% macro sum_event_types() -%}
    cast(sum(events) as bigint) as events,
    cast(sum(plays) as bigint) as plays,
    cast(sum(skips) as bigint) as skips,
    cast(sum(pauses) as bigint) as pauses,
    cast(sum(playlist_adds) as bigint) as playlist_adds
{%- endmacro %}

{#
    The event types as rows (the body of a CTE with one row per event_type), and the count of
    `event_type` in a row holding the counts above: what unpivots them.
#}
{% macro event_type_names() -%}
    select 'play' as event_type
    union all select 'pause'
    union all select 'skip'
    union all select 'add_to_playlist'
{%- endmacro %}

{% macro event_type_count(event_type) -%}
    case {{ event_type }}
        when 'play' then plays
        when 'pause' then pauses
        when 'skip' then skips
        when 'add_to_playlist' then playlist_adds
    end
{%- endmacro %}

{#
    The counts of a row `held` plus those of a row `added` counted over further events: what a
    session that goes on holds.
#}
{% macro add_event_types(held, added) -%}
    {{ held }}.events + {{ added }}.events as events,
    {{ held }}.plays + {{ added }}.plays as plays,
    {{ held }}.skips + {{ added }}.skips as skips,
    {{ held }}.pauses + {{ added }}.pauses as pauses,
    {{ held }}.playlist_adds + {{ added }}.playlist_adds as playlist_adds
{%- endmacro %}
