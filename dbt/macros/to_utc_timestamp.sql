{#
    Parses the event's ISO-8601 text timestamp to a UTC timestamp without time zone, or null when
    it is not one. The pattern is the event contract's (EventContract.TIMESTAMP_PATTERN in
    pipeline-core, which the app's parser applies too); DbtContractCopiesTest fails when the two
    differ, and EventContractAgreementIT compares verdicts on a corpus. Accepted:
    "T" or a space between date and time, seconds and 0-9 fraction digits optional, and an offset
    that is "Z" or +HH, +HHMM, +HH:MM. A time without an offset is refused (its instant is
    unknowable), and so is year 0000 (PostgreSQL cannot hold it). The pattern is checked first on
    every warehouse, so the same rows pass everywhere and one bad row can never fail the model; the text is upper-cased because DuckDB refuses a
    lower-case "t" or "z". Fractions beyond microseconds are cut by DuckDB, rounded by PostgreSQL
    and kept by Snowflake.
#}
{% macro iso_timestamp_pattern() -%}
    ^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?([Zz]|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)$
{%- endmacro %}

{% macro to_utc_timestamp(expression) -%}
    {{ return(adapter.dispatch('to_utc_timestamp', 'playstream')(expression)) }}
{%- endmacro %}

{% macro default__to_utc_timestamp(expression) -%}
    case when regexp_like({{ expression }}, '{{ iso_timestamp_pattern() }}')
        then cast(cast(upper({{ expression }}) as timestamp with time zone) at time zone 'UTC' as timestamp)
    end
{%- endmacro %}

{#
    PostgreSQL has no try_cast: the pattern guards the cast, and the day is checked against the
    length of its month (February 30th matches the pattern but would fail the cast). Nested case
    expressions, because PostgreSQL does not promise to evaluate the parts of one condition in order.
#}
{% macro postgres__to_utc_timestamp(expression) -%}
    case when {{ expression }} ~ '{{ iso_timestamp_pattern() }}' then
        case when cast(substr({{ expression }}, 9, 2) as integer) <= {{ days_in_month(
                'cast(substr(' ~ expression ~ ', 1, 4) as integer)',
                'cast(substr(' ~ expression ~ ', 6, 2) as integer)') }}
            then cast(upper({{ expression }}) as timestamp with time zone) at time zone 'UTC'
        end
    end
{%- endmacro %}

{% macro duckdb__to_utc_timestamp(expression) -%}
    case when regexp_full_match({{ expression }}, '{{ iso_timestamp_pattern() }}')
        then timezone('UTC', try_cast(upper({{ expression }}) as timestamp with time zone))
    end
{%- endmacro %}

{#
    Snowflake parses with explicit formats, so the session's TIMESTAMP_INPUT_FORMAT does not
    matter: the text is first rewritten to YYYY-MM-DDTHH:MI:SS[.f]+HH:MM ("Z" to +00:00, missing
    seconds and offset minutes added). AUTO detection stays as the last resort.
#}
{% macro snowflake__to_utc_timestamp(expression) -%}
    case when regexp_like({{ expression }}, '{{ iso_timestamp_pattern() }}')
        then cast(convert_timezone('UTC', coalesce(
            try_to_timestamp_tz({{ snowflake_canonical_timestamp(expression) }}, 'YYYY-MM-DD"T"HH24:MI:SS.FFTZH:TZM'),
            try_to_timestamp_tz({{ snowflake_canonical_timestamp(expression) }}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            try_to_timestamp_tz(upper({{ expression }}))
        )) as timestamp_ntz)
    end
{%- endmacro %}

{% macro snowflake_canonical_timestamp(expression) -%}
    regexp_replace(regexp_replace(regexp_replace(
        replace(replace(upper({{ expression }}), ' ', 'T'), 'Z', '+00:00'),
        'T([0-9]{2}:[0-9]{2})([+-])', 'T\\1:00\\2'),
        '([+-][0-9]{2})$', '\\1:00'),
        '([+-][0-9]{2})([0-9]{2})$', '\\1:\\2')
{%- endmacro %}

{% macro days_in_month(year, month) -%}
    case {{ month }}
        when 2 then case when mod({{ year }}, 400) = 0 or (mod({{ year }}, 4) = 0 and mod({{ year }}, 100) <> 0) then 29 else 28 end
        when 4 then 30
        when 6 then 30
        when 9 then 30
        when 11 then 30
        else 31
    end
{%- endmacro %}
