{% snapshot listener_profiles_snapshot %}

select * from {{ ref('listener_profiles') }}

{% endsnapshot %}
