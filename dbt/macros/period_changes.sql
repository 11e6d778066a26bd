{#
    How an incremental period mart (top_songs_by_period, top_artists_by_period) takes in a
    micro-batch by adding what changed, instead of recounting every touched song's or artist's
    whole history: that recount grew with the history, to 40 % of a transform after five minutes
    at 5000 events/s.

    int_song_listener_days is its own change record (see that model): each row it replaced since
    the mart's newest stamp carries the values it replaced. So a mart's new totals are its held
    totals plus, per period, the sums of (value now - value replaced), and its distinct counts
    (listeners, songs) grow by the members none of whose rows in the period existed when the mart
    last ran. Sums and distinct counts therefore equal a recount, as long as the mart saw the
    version each row replaced. Where it did not (the mart failed or was skipped on a run that
    changed the row, or int_song_listener_days was rebuilt since), the row's periods are
    recounted from all their days, as a full build counts them.
#}

{#
    The rows of `rows` (int_song_listener_days) changed since the mart `relation` last ran, each
    once per grain with the period it falls in (period_grain, period_start_date in front).
#}
{% macro changed_period_rows(rows, relation) -%}
    select
        periods.period_grain,
        {{ period_start('periods.period_grain', 'changed.event_date') }} as period_start_date,
        changed.*

    from (
        select * from {{ rows }}
        where {{ silver_rows_since(relation) }}
    ) as changed
    cross join ({{ period_grains() }}) as periods
{%- endmacro %}

{# A changed row whose replaced version the mart `relation` never took in: its change is unknown. #}
{% macro change_unknown(relation) -%}
    _prev_transformed_at > {{ taken_in_through(relation) }}
{%- endmacro %}

{# The changed rows `changed` whose periods of `key` are not among those `recounted`. #}
{% macro added_rows(changed, recounted, key) -%}
    select {{ changed }}.*
    from {{ changed }}
    where not exists (
        select 1
        from {{ recounted }} as recounted
        where recounted.period_grain = {{ changed }}.period_grain
            and recounted.period_start_date = {{ changed }}.period_start_date
            and recounted.{{ key }} = {{ changed }}.{{ key }}
    )
{%- endmacro %}

{#
    Per period and `key` of the changed rows `added`: how many `member`s (listeners, songs) are
    new to the period, i.e. have a row new since the mart `relation` last ran and no row of the
    period that existed then (unchanged since, or changed from a version it took in).
#}
{% macro new_period_members(added, rows, relation, key, member) -%}
    select
        novel.period_grain,
        novel.period_start_date,
        novel.{{ key }},
        count(*) as members

    from (
        select distinct period_grain, period_start_date, {{ key }}, {{ member }}
        from {{ added }}
        where _prev_transformed_at is null
    ) as novel
    where not exists (
        select 1
        from {{ rows }} as known
        where known.{{ key }} = novel.{{ key }}
            and known.{{ member }} = novel.{{ member }}
            and (known._transformed_at <= {{ taken_in_through(relation) }}
                or known._prev_transformed_at <= {{ taken_in_through(relation) }})
            and {{ period_start('novel.period_grain', 'known.event_date') }} = novel.period_start_date
    )
    group by novel.period_grain, novel.period_start_date, novel.{{ key }}
{%- endmacro %}

{# The listening counts the changed rows add: each row's values now less those it replaced. #}
{% macro sum_listening_changes() -%}
    {{ listening_columns('cast(sum({m} - coalesce(_prev_{m}, 0)) as bigint)') }}
{%- endmacro %}

{# The held totals `held` plus the changes `changes` of the listening counts. #}
{% macro add_listening(held, changes) -%}
    {{ listening_columns('coalesce(' ~ held ~ '.{m}, 0) + ' ~ changes ~ '.{m}') }}
{%- endmacro %}

{# The greater of two values of one type, null only when both are: max() over two rows. #}
{% macro greater_of(a, b) -%}
    case when {{ a }} is null or {{ b }} > {{ a }} then {{ b }} else {{ a }} end
{%- endmacro %}
