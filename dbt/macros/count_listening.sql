{#
    The listening counts of the listening marts, over rows of int_listened_events, spelled once so
    they mean the same everywhere: plays (play events), streams (plays that lasted at least var
    stream_min_seconds), listened_ms (the time the plays lasted, where known), skips, early_skips
    (skips before var stream_min_seconds into the track) and playlist_adds. count(case ...) and
    sums cast to bigint: a bigint on every warehouse. With `sign` (a column of 1 and -1, see
    macros/listening_changes.sql) each row counts as its sign.
#}
{% macro count_listening(sign='') -%}
    {{ signed_count("event_type = 'play'", sign) }} as plays,
    {{ signed_count("listened_ms >= " ~ var('stream_min_seconds') ~ " * 1000", sign) }} as streams,
    coalesce(cast(sum(listened_ms{% if sign %} * {{ sign }}{% endif %}) as bigint), 0) as listened_ms,
    {{ signed_count("event_type = 'skip'", sign) }} as skips,
    {{ signed_count("event_type = 'skip' and position_ms < " ~ var('stream_min_seconds') ~ " * 1000", sign) }} as early_skips,
    {{ signed_count("event_type = 'add_to_playlist'", sign) }} as playlist_adds
{%- endmacro %}

{# The rows where `condition` holds, each counting as its `sign` when given. #}
{% macro signed_count(condition, sign='') -%}
    {%- if sign -%}
    coalesce(cast(sum(case when {{ condition }} then {{ sign }} end) as bigint), 0)
    {%- else -%}
    count(case when {{ condition }} then 1 end)
    {%- endif -%}
{%- endmacro %}

{#
    The names of the listening counts, in the order above: their one list. As text, which a caller
    turns into a list with `listening_measures().split(', ') | list`: the runner's Jinja hands a
    macro's value back as text only (see dbt/README.md).
#}
{% macro listening_measures() -%}
    plays, streams, listened_ms, skips, early_skips, playlist_adds
{%- endmacro %}

{#
    A column per listening count, each `expression` with the count's name for {m}: the rolled-up
    counts, their changes, their totals.
#}
{% macro listening_columns(expression) -%}
    {%- for measure in listening_measures().split(', ') | list -%}
    {{ expression | replace('{m}', measure) }} as {{ measure }}{% if not loop.last %},
    {% endif %}
    {%- endfor %}
{%- endmacro %}

{# The same counts rolled up from an aggregate that holds them. #}
{% macro sum_listening() -%}
    {{ listening_columns('cast(sum({m}) as bigint)') }}
{%- endmacro %}

{# Minutes from milliseconds, to the hundredth: for reading; listened_ms stays the exact figure. #}
{% macro minutes_from_ms(milliseconds) -%}
    cast(round({{ milliseconds }} / 60000.0, 2) as decimal(18, 2))
{%- endmacro %}
