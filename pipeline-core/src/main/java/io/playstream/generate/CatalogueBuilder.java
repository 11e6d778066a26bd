package io.playstream.generate;

import java.util.ArrayList;
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
 * Makes a catalogue with datafaker: artist names from its music, rock-band, K-pop, bossa nova and
 * person-name lists, titles from its album, song, book-title, colour and word lists. Datafaker
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
        return new Catalogue(listeners(listenerCount), songs(songCount));
    }

    private List<Listener> listeners(int count) {
        AliasTable countries = new AliasTable(Country.MARKETS.stream().mapToDouble(Country::weight).toArray());
        AliasTable devices = new AliasTable(DEVICE_WEIGHTS);
        List<Listener> listeners = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Country home = Country.MARKETS.get(countries.sample(random));
            listeners.add(new Listener(RandomIds.next(random), home.code(), home.utcOffsetMinutes(),
                    DEVICES[devices.sample(random)]));
        }
        return listeners;
    }

    private List<Song> songs(int count) {
        List<String> artists = artists(Math.max(1, count / SONGS_PER_ARTIST));
        titles = new TitleWords(faker);
        ZipfSampler popularity = new ZipfSampler(count, ZipfSampler.DEFAULT_EXPONENT);
        Set<String> ids = new HashSet<>(count * 2);
        List<Song> songs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String artist = artists.get(random.nextInt(artists.size()));
            String title = title();
            String id = SongIds.of(artist, title);
            for (int attempt = 0; !ids.add(id); attempt++) {
                // the lists are finite: make a second song of the same name another version of it
                title = title + VERSIONS[attempt % VERSIONS.length];
                id = SongIds.of(artist, title);
            }
            songs.add(new Song(id, artist, title, duration(), i + 1, popularity.share(i)));
        }
        return songs;
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
