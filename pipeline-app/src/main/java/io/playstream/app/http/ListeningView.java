package io.playstream.app.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The listening views {@code GET /api/v1/listening/{view}} answers, summed in the warehouse so the
 * page never adds up a period's listener rows itself. A period the marts hold is read from its own
 * pre-aggregated rows; a trailing range ({@link ListeningRange}) sums the marts' day rows, and counts
 * the distinct listeners of its top artists or songs from {@code silver.int_song_listener_days},
 * since listeners of several days do not add up. An artist's countries and hours come from
 * {@code silver.int_listened_events}: no mart holds an artist by country or hour.
 */
enum ListeningView {
    /** Streams, plays, time listened and distinct listeners; early skips and skips (for the early-skip rate). */
    TOTALS(GoldTable.LISTENING_TIME, GoldTable.TOP_SONGS_BY_PERIOD),
    /** Time listened, streams and distinct listeners per {@code by} (country or device_type), most listened first. */
    MINUTES(GoldTable.LISTENING_TIME),
    /** The most streamed artists. */
    ARTISTS(GoldTable.TOP_ARTISTS_BY_PERIOD),
    /** The most streamed songs, of one {@code artist} when given. */
    SONGS(GoldTable.TOP_SONGS_BY_PERIOD),
    /** One {@code artist}'s plays, time listened and listeners per country. */
    ARTIST_COUNTRIES,
    /** One {@code artist}'s plays, time listened and listeners per UTC hour of the day. */
    ARTIST_HOURS;

    static final String ARTIST = "artist";
    static final String BY = "by";
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1_000;
    private static final Map<String, String> BY_COLUMNS = Map.of("country", "country", "device", "device_type",
            "device_type", "device_type");
    private static final String RANKING = "order by streams desc, plays desc, ";

    private final List<GoldTable> marts;

    ListeningView(GoldTable... marts) {
        this.marts = List.of(marts);
    }

    String viewName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The marts this view reads, which must be built. */
    List<GoldTable> marts() {
        return marts;
    }

    static Optional<ListeningView> byName(String name) {
        return Arrays.stream(values()).filter(v -> v.viewName().equals(name)).findFirst();
    }

    static String acceptedNames() {
        return Arrays.stream(values()).map(ListeningView::viewName).collect(Collectors.joining(", "));
    }

    /** The statements whose rows answer the view (TOTALS: two, each one row). */
    List<ListeningSql> statements(ListeningRange range, Map<String, List<String>> params) {
        int limit = (int) GoldQuery.number(params, GoldQuery.LIMIT, DEFAULT_LIMIT, 1, MAX_LIMIT);
        Optional<String> artist = GoldQuery.single(params, ARTIST);
        return switch (this) {
            case TOTALS -> List.of(
                    new ListeningSql.Builder("select coalesce(sum(streams), 0) as streams, coalesce(sum(plays), 0) as plays, "
                            + "coalesce(sum(listened_ms), 0) as listened_ms, count(distinct user_id) as listeners "
                            + "from gold.listening_time").martRange(range).build(),
                    new ListeningSql.Builder("select coalesce(sum(early_skips), 0) as early_skips, coalesce(sum(skips), 0) as skips, "
                            + "coalesce(sum(plays), 0) as song_plays from gold.top_songs_by_period").martRange(range).build());
            case MINUTES -> {
                String column = by(params);
                yield List.of(new ListeningSql.Builder("select " + column + " as name, coalesce(sum(listened_ms), 0) as listened_ms, "
                        + "coalesce(sum(streams), 0) as streams, count(distinct user_id) as listeners from gold.listening_time")
                        .martRange(range).then("group by " + column + " order by listened_ms desc, name").build());
            }
            case ARTISTS -> List.of(range.grain().isPresent()
                    ? new ListeningSql.Builder("select artist_name, plays, streams, listened_ms, skips, early_skips, playlist_adds, "
                            + "listeners from gold.top_artists_by_period").martRange(range)
                            .then(RANKING + "artist_name limit " + limit).build()
                    : trailingTop("top_artists_by_period", "artist_name", "", range, Optional.empty(), limit));
            case SONGS -> {
                if (range.grain().isEmpty()) {
                    yield List.of(trailingTop("top_songs_by_period", "song_id", "max(song_name) as song_name, "
                            + "max(artist_name) as artist_name, ", range, artist, limit));
                }
                ListeningSql.Builder songs = new ListeningSql.Builder("select song_id, song_name, artist_name, plays, streams, "
                        + "listened_ms, skips, early_skips, playlist_adds, listeners from gold.top_songs_by_period").martRange(range);
                artist.ifPresent(name -> songs.where("artist_name = ?", name));
                yield List.of(songs.then(RANKING + "song_id limit " + limit).build());
            }
            case ARTIST_COUNTRIES -> List.of(artistBreakdown("country", range, requireArtist(artist)));
            case ARTIST_HOURS -> List.of(artistBreakdown("event_hour", range, requireArtist(artist)));
        };
    }

    /**
     * The top {@code limit} of a trailing range: ranked on the mart's day rows summed (all but
     * listeners add up), then the distinct listeners of those few only, from the day aggregate. Counting
     * every artist's listeners first cost 44-48x a bare request at 2M events (README.md, "The gold API's latency").
     */
    private static ListeningSql trailingTop(String mart, String key, String names, ListeningRange range, Optional<String> artist,
                                            int limit) {
        List<Object> values = new ArrayList<>(List.of("day", range.first(), range.last()));
        artist.ifPresent(values::add);
        values.add(range.first());
        values.add(range.last());
        String sql = "with ranked as (select " + key + ", " + names
                + "sum(plays) as plays, sum(streams) as streams, sum(listened_ms) as listened_ms, sum(skips) as skips, "
                + "sum(early_skips) as early_skips, sum(playlist_adds) as playlist_adds from gold." + mart
                + " where period_grain = ? and period_start_date between ? and ?" + (artist.isPresent() ? " and artist_name = ?" : "")
                + " group by " + key + " " + RANKING + key + " limit " + limit + "), "
                + "counted as (select days." + key + ", count(distinct days.user_id) as listeners from silver.int_song_listener_days as days "
                + "join ranked on days." + key + " = ranked." + key + " where days.event_date between ? and ? group by days." + key + ") "
                + "select ranked.*, coalesce(counted.listeners, 0) as listeners from ranked left join counted on counted." + key
                + " = ranked." + key + " order by ranked.streams desc, ranked.plays desc, ranked." + key;
        return new ListeningSql(sql, values);
    }

    private static ListeningSql artistBreakdown(String column, ListeningRange range, String artist) {
        return new ListeningSql.Builder("select " + column + " as name, count(case when event_type = 'play' then 1 end) as plays, "
                + "coalesce(sum(listened_ms), 0) as listened_ms, count(distinct user_id) as listeners from silver.int_listened_events")
                .where("artist_name = ?", artist).dayRange(range)
                .then("group by " + column + " order by " + (column.equals("event_hour") ? "name" : "listened_ms desc, name")).build();
    }

    private String requireArtist(Optional<String> artist) {
        return artist.filter(a -> !a.isBlank()).orElseThrow(() -> ApiError.badRequest(viewName() + " needs artist=<name>"));
    }

    private static String by(Map<String, List<String>> params) {
        String by = GoldQuery.single(params, BY).map(b -> b.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ApiError.badRequest("minutes needs by=country or by=device"));
        String column = BY_COLUMNS.get(by);
        if (column == null) {
            throw ApiError.badRequest("by " + GoldQuery.printable(by) + " is not accepted; accepted: country, device");
        }
        return column;
    }
}
