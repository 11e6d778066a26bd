{#
    How an incremental period mart (top_songs_by_period, top_artists_by_period,
    listener_discoveries) takes in a micro-batch by adding what changed, instead of recounting
    every touched song's, artist's or listener's whole history: that recount grew with the
    history, to 40 % of a transform after five minutes at 5000 events/s.

    int_song_listener_days (and int_song_first_listens for discoveries) is its own change record
    (see that model): each row it replaced since
    the mart's newest stamp carries the values it replaced. So a mart's new totals are its held
    totals plus, per period, the sums of (value now - value replaced), and its distinct counts
    (listeners, songs) grow by the members none of whose rows in the period existed when the mart
    last ran. Sums and distinct counts therefore equal a recount, as long as the mart saw the
    version each row replaced. Where it did not (the mart failed or was skipped on a run that
    changed the row, or int_song_listener_days was rebuilt since), the row's periods are
    recounted from all their days, as a full build counts them.

    Changes are summed per day before they are spread over the periods, so a micro-batch costs
    its changed rows once, not once per grain.
#}

{# The rows of `rows` (int_song_listener_days) changed since the mart `relation` last ran. #}
{% macro changed_rows(rows, relation) -%}
    select * from {{ rows }}
    where {{ silver_rows_since(relation) }}
{%- endmacro %}

{# A changed row whose replaced version the mart `relation` never took in: its change is unknown. #}
{% macro change_unknown(relation) -%}
    _prev_transformed_at > {{ taken_in_through(relation) }}
{%- endmacro %}

{#
    The periods (period_grain, period_start_date, `key`) of the changed rows `changed` that the
    mart `relation` recounts: those of a row whose replaced version it never took in, and with
    `moved_from` (a column), those of both keys of a row whose key changed.
#}
{% macro recounted_periods(changed, relation, key, moved_from='') -%}
    select distinct period_grain, period_start_date, {{ key }}
    from (
        {% set unknown -%}
            (select event_date, {{ key }} from {{ changed }}
             where {{ change_unknown(relation) }}
             {%- if moved_from %} or {{ moved_from }} <> {{ key }}
             union all
             select event_date, {{ moved_from }} from {{ changed }} where {{ moved_from }} <> {{ key }}
             {%- endif %})
        {%- endset %}
        {{ spread_over_periods(unknown) }}
    ) as unknown_periods
{%- endmacro %}

{#
    Per period and `key`, what the changed rows `changed` add to the listening counts (each row's
    values now less those it replaced; and the greatest of each column in `extra`), outside the
    `recounted` periods.
#}
{% macro period_listening_changes(changed, key, recounted, extra=[]) -%}
    select
        period_grain,
        period_start_date,
        {{ key }},
        {% for column in extra %}max({{ column }}) as {{ column }},
        {% endfor %}{{ sum_listening() }},
        max(_transformed_at) as _transformed_at

    from (
        {% set day_changes -%}
            (select
                event_date,
                {{ key }},
                {% for column in extra %}max({{ column }}) as {{ column }},
                {% endfor %}{{ sum_listening_changes() }},
                max(_transformed_at) as _transformed_at
             from {{ changed }}
             group by event_date, {{ key }})
        {%- endset %}
        {{ spread_over_periods(day_changes) }}
    ) as period_changes
    where not {{ in_periods('period_changes', recounted, [key]) }}
    group by period_grain, period_start_date, {{ key }}
{%- endmacro %}

{#
    Per period and `key`: how many `member`s (listeners, songs) are new to the period outside the
    `recounted` periods, i.e. have a row among the changed rows `changed` that counts them now
    (`counts_now`, a condition on a row) and did not when the mart `relation` last ran (the row
    is new, or its replaced version did not, `counted_before`), and no row of the period that
    counted them then (unchanged since, or changed from a version that did). Both sides are
    narrowed to distinct days of the new pairs before they are spread over the periods: a new
    song of an artist has as many rows as listeners, but few days.
#}
{% macro new_period_members(changed, rows, relation, key, member, recounted, counts_now='1 = 1', counted_before='1 = 1') -%}
    {%- set newly_counting -%}
        ({{ counts_now }}) and (_prev_transformed_at is null or not ({{ counted_before }}))
    {%- endset -%}
    {%- set new_pairs -%}
        (select distinct {{ key }}, {{ member }}, event_date
         from {{ changed }}
         where {{ newly_counting }})
    {%- endset -%}
    {%- set known_pairs -%}
        (select distinct known.{{ key }}, known.{{ member }}, known.event_date
         from (select * from {{ rows }}
               where (_transformed_at <= {{ taken_in_through(relation) }} and ({{ counts_now }}))
                   or (_prev_transformed_at <= {{ taken_in_through(relation) }} and ({{ counted_before }}))) as known
         where exists (
             select 1
             from (select {{ key }}, {{ member }} from {{ changed }} where {{ newly_counting }}) as new_rows
             where {{ same_keys('new_rows', 'known', [key, member]) }}
         ))
    {%- endset -%}
    select
        novel.period_grain,
        novel.period_start_date,
        novel.{{ key }},
        count(*) as members

    from (
        select distinct period_grain, period_start_date, {{ key }}, {{ member }}
        from ({{ spread_over_periods(new_pairs) }}) as new_periods
        where not {{ in_periods('new_periods', recounted, [key]) }}
    ) as novel
    where not exists (
        select 1
        from ({{ spread_over_periods(known_pairs) }}) as known
        where {{ same_period('known', 'novel', [key, member]) }}
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
