package io.playstream.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * Makes a catalogue with datafaker: artist names from its music, rock-band, K-pop, bossa nova and
 * person-name lists, titles from its album, song and book-title lists. Both the faker and the
 * numbers (ids, countries, devices, durations) come from the seed, so a seed always gives the same
 * catalogue.
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
        List<Supplier<String>> sources = List.of(
                () -> faker.resolve("music.bands"),
                () -> faker.rockBand().name(),
                () -> faker.kpop().solo(),
                () -> faker.kpop().girlGroups(),
                () -> faker.bossaNova().artist(),
                () -> faker.name().fullName(),
                () -> faker.name().fullName());
        Set<String> seen = new HashSet<>();
        List<String> artists = new ArrayList<>(count);
        while (artists.size() < count) {
            // named lists run out: past a few collisions, invent a person
            String name = sources.get(random.nextInt(sources.size())).get().strip();
            if (name.isEmpty() || !seen.add(name)) {
                name = faker.name().fullName();
                if (!seen.add(name)) {
                    continue;
                }
            }
            artists.add(name);
        }
        return artists;
    }

    private String title() {
        return switch (random.nextInt(6)) {
            case 0 -> faker.resolve("music.albums");
            case 1 -> faker.bossaNova().song();
            case 2, 3 -> faker.book().title();
            default -> capitalize(faker.color().name()) + " " + capitalize(faker.hipster().word());
        };
    }

    private long duration() {
        double ms = MEDIAN_DURATION_MS * Math.exp(DURATION_SPREAD * random.nextGaussian());
        return Math.max(MIN_DURATION_MS, Math.min(MAX_DURATION_MS, Math.round(ms)));
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
