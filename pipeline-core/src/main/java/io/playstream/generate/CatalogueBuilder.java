package io.playstream.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * Makes a catalogue. Listeners: a home country (its time zone), a preferred device, a heavy-tailed
 * activity, a skip propensity, a favourite genre, and for some a point where they join or stop in the
 * simulated range. Songs: artists of one genre each with several songs, a famous artist's songs
 * more often hits; ranked by their expected plays ({@link Tastes}). Names come from datafaker:
 * artist names from its music, rock-band, K-pop, bossa nova and person-name lists, titles from its
 * album, song, book-title, colour and word lists. Datafaker
 * fills word pools once; the seeded generator combines them, so a catalogue of a million songs
 * costs the same few thousand datafaker calls. Both come from the seed: a seed always gives the
 * same catalogue.
 */
final class CatalogueBuilder {

    /** Songs per artist on average: a catalogue has fewer artists than songs. */
    static final int SONGS_PER_ARTIST = 6;
    /** A typical pop track: 3.5 minutes, most between 2.5 and 5. */
    static final double MEDIAN_DURATION_MS = 210_000;
    static final double DURATION_SPREAD = 0.25;
    static final long MIN_DURATION_MS = 60_000;
    static final long MAX_DURATION_MS = 600_000;

    /** Sigma of the log of listeners' activity: the top tenth of listeners send over two fifths of all events. */
    static final double ACTIVITY_SPREAD = 1.2;
    static final double SKIP_PROPENSITY_SPREAD = 0.45;
    /** Share of listeners who join during a simulated range rather than before it. */
    static final double NEWCOMER_SHARE = 0.2;
    /** Share of listeners who stop listening at some point of the range. */
    static final double LEAVER_SHARE = 0.15;
    static final double ARTIST_FAME_SPREAD = 1.0;
    static final double SONG_LUCK_SPREAD = 0.7;
    /** How far a song's appeal strays from what its rank suggests. */
    static final double APPEAL_SPREAD = 0.15;

    /** Bits of an index in a sort key: enough for {@link SimulatorConfig#MAX_SONGS}. */
    private static final int INDEX_BITS = 20;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private static final String[] DEVICES = {Listener.MOBILE, Listener.DESKTOP, Listener.WEB};
    private static final double[] DEVICE_WEIGHTS = {60, 25, 15};
    private static final String[] VERSIONS = {" (Live)", " (Remix)", " (Acoustic)", " (Radio Edit)", " (Demo)"};

    private final Faker faker;
    private final SplittableRandom random;
    private TitleWords titles;

    CatalogueBuilder(long seed) {
        this.faker = new Faker(Locale.ENGLISH, new Random(seed));
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    Catalogue build(int listenerCount, int songCount) {
        List<Listener> listeners = listeners(listenerCount);
        return new Catalogue(listeners, songs(songCount, listeningByTaste(listeners)));
    }

    private List<Listener> listeners(int count) {
        AliasTable countries = new AliasTable(Country.MARKETS.stream().mapToDouble(Country::weight).toArray());
        AliasTable devices = new AliasTable(DEVICE_WEIGHTS);
        AliasTable genres = new AliasTable(Tastes.GENRE_WEIGHTS);
        List<Listener> listeners = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Country home = Country.MARKETS.get(countries.sample(random));
            String id = RandomIds.next(random);
            String device = DEVICES[devices.sample(random)];
            double activity = meanOne(ACTIVITY_SPREAD);
            double skipPropensity = meanOne(SKIP_PROPENSITY_SPREAD);
            int taste = genres.sample(random);
            double joinsAt = random.nextDouble() < NEWCOMER_SHARE ? random.nextDouble() : 0;
            double leavesAt = random.nextDouble() < LEAVER_SHARE
                    ? joinsAt + (1 - joinsAt) * (0.05 + 0.95 * random.nextDouble())
                    : 1;
            listeners.add(new Listener(id, home.code(), home.utcOffsetMinutes(), device, activity, skipPropensity,
                    taste, joinsAt, Math.max(leavesAt, Math.nextUp(joinsAt))));
        }
        return listeners;
    }

    /** A log-normal draw whose mean is 1; {@code spread} is the sigma of its logarithm. */
    private double meanOne(double spread) {
        return Math.exp(spread * random.nextGaussian() - spread * spread / 2);
    }

    /** Share of all listening done by the fans of each genre. */
    private static double[] listeningByTaste(List<Listener> listeners) {
        double[] byTaste = new double[Tastes.GENRE_WEIGHTS.length];
        double total = 0;
        for (Listener listener : listeners) {
            byTaste[listener.taste()] += listener.activity();
            total += listener.activity();
        }
        for (int g = 0; g < byTaste.length; g++) {
            byTaste[g] /= total;
        }
        return byTaste;
    }

    private List<Song> songs(int count, double[] listeningByTaste) {
        int artistCount = Math.max(1, count / SONGS_PER_ARTIST);
        List<String> artists = artists(artistCount);
        AliasTable genres = new AliasTable(Tastes.GENRE_WEIGHTS);
        int[] artistGenre = new int[artistCount];
        double[] artistFame = new double[artistCount];
        for (int a = 0; a < artistCount; a++) {
            artistGenre[a] = genres.sample(random);
            artistFame[a] = Math.exp(ARTIST_FAME_SPREAD * random.nextGaussian());
        }
        titles = new TitleWords(faker);
        Set<String> ids = new HashSet<>(count * 2);
        List<Draft> drafts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int artist = random.nextInt(artistCount);
            String title = title();
            String id = SongIds.of(artists.get(artist), title);
            for (int attempt = 0; !ids.add(id); attempt++) {
                // the lists are finite: make a second song of the same name another version of it
                title = title + VERSIONS[attempt % VERSIONS.length];
                id = SongIds.of(artists.get(artist), title);
            }
            // a famous artist's songs tend to be hits, each song with its own luck
            double score = artistFame[artist] * Math.exp(SONG_LUCK_SPREAD * random.nextGaussian());
            drafts.add(new Draft(id, artists.get(artist), title, duration(), artistGenre[artist], score));
        }
        int[] byScore = descendingOrder(drafts.stream().mapToDouble(Draft::score).toArray());
        int[] genreByScore = new int[count];
        for (int i = 0; i < count; i++) {
            genreByScore[i] = drafts.get(byScore[i]).genre();
        }
        double[] popularity = new Tastes(genreByScore).popularity(listeningByTaste);
        int[] byPopularity = descendingOrder(popularity);
        double logSongs = Math.log(Math.max(2, count));
        List<Song> songs = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            Draft draft = drafts.get(byScore[byPopularity[r]]);
            double obscurity = Math.log(r + 1) / logSongs;
            double appeal = Math.max(0, Math.min(1, 1 - obscurity + APPEAL_SPREAD * random.nextGaussian()));
            songs.add(new Song(draft.id, draft.artist, draft.title, draft.durationMs, r + 1,
                    popularity[byPopularity[r]], draft.genre, appeal));
        }
        return songs;
    }

    /**
     * Indices of {@code values} (each >= 0) from the largest to the smallest, equal ones in index
     * order. Sorts primitive keys, the value's leading bits above the index, since a comparator
     * sort of boxed indices took most of a large catalogue's build time; values that differ only
     * beyond 32 bits of mantissa count as equal.
     */
    static int[] descendingOrder(double[] values) {
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            keys[i] = (Double.doubleToLongBits(values[i]) >>> INDEX_BITS << INDEX_BITS) | (INDEX_MASK - i);
        }
        Arrays.sort(keys);
        int[] order = new int[values.length];
        for (int k = 0; k < values.length; k++) {
            order[k] = (int) (INDEX_MASK - (keys[values.length - 1 - k] & INDEX_MASK));
        }
        return order;
    }

    /** A song before its rank is known. */
    private record Draft(String id, String artist, String title, long durationMs, int genre, double score) {
    }

    private List<String> artists(int count) {
        // datafaker takes tens of microseconds a name: draw word pools once, then combine them
        List<String> groups = new ArrayList<>();
        groups.addAll(draw(() -> faker.resolve("music.bands"), 150));
        groups.addAll(draw(() -> faker.rockBand().name(), 100));
        groups.addAll(draw(() -> faker.kpop().solo(), 100));
        groups.addAll(draw(() -> faker.kpop().girlGroups(), 50));
        groups.addAll(draw(() -> faker.bossaNova().artist(), 30));
        List<String> firstNames = draw(() -> faker.name().firstName(), 120);
        List<String> lastNames = draw(() -> faker.name().lastName(), 120);
        Set<String> seen = new HashSet<>();
        List<String> artists = new ArrayList<>(count);
        while (artists.size() < count) {
            String name = random.nextBoolean() && seen.size() < groups.size()
                    ? pick(groups)
                    : pick(firstNames) + " " + pick(lastNames);
            if (seen.add(name)) {
                artists.add(name);
            } else if (seen.size() > firstNames.size() * lastNames.size() / 2) {
                // a huge catalogue: number the people once the names run out
                artists.add(name + " " + artists.size());
            }
        }
        return artists;
    }

    private String title() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> pick(titles.albums);
            case 2 -> pick(titles.songs);
            case 3, 4, 5 -> pick(titles.books);
            default -> capitalize(pick(titles.colors)) + " " + capitalize(pick(titles.words));
        };
    }

    /** Up to {@code count} distinct values of {@code source}: fewer when it has fewer. */
    private static List<String> draw(Supplier<String> source, int count) {
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < 3 * count && values.size() < count; i++) {
            String value = source.get().strip();
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return new ArrayList<>(values);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Words for song titles, drawn once from datafaker. */
    private static final class TitleWords {
        final List<String> albums;
        final List<String> songs;
        final List<String> books;
        final List<String> colors;
        final List<String> words;

        TitleWords(Faker faker) {
            albums = draw(() -> faker.resolve("music.albums"), 80);
            songs = draw(() -> faker.bossaNova().song(), 40);
            books = draw(() -> faker.book().title(), 300);
            colors = draw(() -> faker.color().name(), 40);
            words = draw(() -> faker.hipster().word(), 200);
        }
    }

    private long duration() {
        double ms = MEDIAN_DURATION_MS * Math.exp(DURATION_SPREAD * random.nextGaussian());
        return Math.max(MIN_DURATION_MS, Math.min(MAX_DURATION_MS, Math.round(ms)));
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
