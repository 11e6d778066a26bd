{#
    Where a country's listeners live in time: one IANA time zone per country code, as the
    `countries` seed (the one home of the mapping) gives it. A country with several zones has its
    most-populated one's; each zone's standard offset is the one the simulator gives that country
    (io.playstream.generate.Country, a test holds them equal). Countries not listed count in UTC.
#}
{{ config(materialized='table') }}

with

countries as (

    select * from {{ ref('countries') }}

),

final as (

    select
        cast(country_code as varchar(2)) as country,
        cast(time_zone as varchar(64)) as time_zone

    from countries

)

select * from final
