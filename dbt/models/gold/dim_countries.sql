{#
    Every country listeners streamed from or the countries seed knows, with its name, region and
    time zone. A code the seed does not know (a new market, or 'unknown' for events without one)
    keeps its code as its name, region 'Unknown' and no time zone.
#}

with

listened as (

    select distinct country as country_code
    from {{ ref('int_listener_hours') }}

),

countries as (

    select * from {{ ref('countries') }}

),

final as (

    select
        coalesce(countries.country_code, listened.country_code) as country_code,
        coalesce(countries.country_name, listened.country_code) as country_name,
        coalesce(countries.region, 'Unknown') as region,
        countries.time_zone,
        listened.country_code is not null as has_listeners

    from countries
    full outer join listened
        on listened.country_code = countries.country_code

)

select * from final
