select song, plays
from {{ ref('song_stats') }}
order by plays desc, song
limit 1
