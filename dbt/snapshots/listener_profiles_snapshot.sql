{% snapshot listener_profiles_snapshot %}

-- the profile, not the build's watermark: a version records what the listener looked like
select user_id, home_country, preferred_device, first_seen_at, last_seen_at, events
from {{ ref('listener_profiles') }}

{% endsnapshot %}
