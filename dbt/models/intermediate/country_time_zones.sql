{#
    Where a country's listeners live in time: one IANA time zone per country code, the zone whose
    standard offset is the one the simulator gives that country (io.playstream.generate.Country,
    a test holds them equal), plus "UK", which the original pipeline sends for GB. A country with
    several zones gets its most-populated one's. Countries not listed count in UTC.

    The one home of this mapping; written as a model until the project builds dbt seeds, when it
    becomes seeds/country_time_zones.csv under the same name, so ref('country_time_zones') stays.
#}
{{ config(materialized='table') }}

with

zones as (

    select * from (
        values
            ('US', 'America/Chicago'),
            ('BR', 'America/Sao_Paulo'),
            ('GB', 'Europe/London'),
            ('UK', 'Europe/London'),
            ('DE', 'Europe/Berlin'),
            ('IN', 'Asia/Kolkata'),
            ('MX', 'America/Mexico_City'),
            ('FR', 'Europe/Paris'),
            ('JP', 'Asia/Tokyo'),
            ('CA', 'America/Toronto'),
            ('AU', 'Australia/Sydney'),
            ('ES', 'Europe/Madrid'),
            ('IT', 'Europe/Rome'),
            ('ID', 'Asia/Jakarta'),
            ('KR', 'Asia/Seoul'),
            ('NL', 'Europe/Amsterdam'),
            ('SE', 'Europe/Stockholm'),
            ('PL', 'Europe/Warsaw'),
            ('AR', 'America/Argentina/Buenos_Aires'),
            ('NG', 'Africa/Lagos'),
            ('ZA', 'Africa/Johannesburg')
    ) as zones (country, time_zone)

),

final as (

    select
        cast(country as varchar(2)) as country,
        cast(time_zone as varchar(64)) as time_zone

    from zones

)

select * from final
