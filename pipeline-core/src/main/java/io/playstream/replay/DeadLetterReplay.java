package io.playstream.replay;

import io.playstream.LogText;
import io.playstream.objectstore.ObjectInfo;
import io.playstream.objectstore.ObjectStore;
import io.playstream.partition.BronzeKey;
import io.playstream.partition.DeadLetterKey;
import io.playstream.partition.ObjectKeys;
import io.playstream.stream.BronzeNotice;
import io.playstream.stream.DeadLetter;
import io.playstream.stream.Gzip;
import io.playstream.stream.MessageCheck;
import io.playstream.stream.NoticeSink;
import io.playstream.stream.SinkConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the dead letters of a store through the sink's check again ({@link MessageCheck}, as the
 * sink runs it today). Those that now pass are written into bronze under {@link ReplayKey}s, one
 * object per dead-letter object and event hour, each message's bytes as they arrived; the ordinary
 * load ({@code playstream load}, or the recurring catch-up load of {@code run}) then finds them by
 * listing {@code bronze/}, and loads each once; {@link #apply(Function)} also announces them to
 * continuous mode, as the sink announces a flush. Dead-letter objects are never changed: what still
 * fails stays where it was, and the report counts it by reason.
 *
 * <p>Exactly once: a replayed object's key and bytes are pure functions of its dead-letter object,
 * so a second replay, or one after a crash half-way, finds the same bytes and writes nothing (an
 * unchanged object keeps its etag, and the loader does not load it again). After a later widening
 * more of the same dead letters may pass: the object is rewritten with all of them, and the loader,
 * seeing a changed etag, replaces its rows.
 */
public final class DeadLetterReplay {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final ObjectStore store;
    private final MessageCheck check = new MessageCheck();

    public DeadLetterReplay(ObjectStore store) {
        this.store = store;
    }

    /** What a replay would do, writing nothing. */
    public ReplayReport dryRun() {
        return replay(false);
    }

    /** Writes the dead letters that now pass into bronze and says what it wrote; the next load finds them. */
    public ReplayReport apply() {
        return apply(topic -> NoticeSink.NONE);
    }

    /**
     * As {@link #apply()}, then announces every replayed object, written now or before, to the
     * loaders of continuous mode: one {@link BronzeNotice} (keys, no watermarks) per Kafka topic,
     * on the sink of {@code noticesOfTopic}. Announced after they are stored, as the sink does, so a
     * crash in between leaves them to the catch-up load or to the next replay, which announces them
     * again; an object loaded already is found in the manifest.
     */
    public ReplayReport apply(Function<String, NoticeSink> noticesOfTopic) {
        ReplayReport report = replay(true);
        Map<String, List<String>> byTopic = new TreeMap<>();
        Stream.concat(report.written().stream(), report.unchanged().stream()).forEach(key -> byTopic
                .computeIfAbsent(BronzeKey.parse(key).orElseThrow().topic(), t -> new ArrayList<>()).add(key));
        byTopic.forEach((topic, keys) -> noticesOfTopic.apply(topic).publish(new BronzeNotice(keys, Map.of())));
        return report;
    }

    private ReplayReport replay(boolean apply) {
        Tally tally = new Tally();
        try (Stream<ObjectInfo> listing = store.list(ObjectKeys.DEAD_LETTER_PREFIX)) {
            for (ObjectInfo info : (Iterable<ObjectInfo>) listing::iterator) {
                Optional<DeadLetterKey> key = DeadLetterKey.parse(info.key()).filter(k -> ObjectKeys.isSafe(info.key()));
                if (key.isEmpty()) {
                    tally.unreadable.add(LogText.printable(info.key(), 200) + ": not a dead-letter object key");
                    continue;
                }
                Optional<List<DeadLetter>> letters = read(key.get(), tally);
                letters.ifPresent(l -> replayObject(key.get(), l, apply, tally));
            }
        }
        return new ReplayReport(apply, tally.objects, tally.letters, tally.passing, tally.stillFailing,
                tally.written, tally.unchanged, tally.unreadable);
    }

    private void replayObject(DeadLetterKey key, List<DeadLetter> letters, boolean apply, Tally tally) {
        tally.objects++;
        Map<BronzeKey, ByteArrayOutputStream> bodies = new LinkedHashMap<>();
        for (DeadLetter letter : letters) {
            tally.letters++;
            MessageCheck.Verdict verdict = check.check(letter.value());
            if (!verdict.accepted()) {
                tally.stillFailing.merge(verdict.reason().code(), 1L, Long::sum);
                continue;
            }
            tally.passing.merge(letter.reason(), 1L, Long::sum);
            ByteArrayOutputStream body = bodies.computeIfAbsent(ReplayKey.of(key, verdict.eventTime()),
                    k -> new ByteArrayOutputStream());
            body.writeBytes(letter.value());
            body.write('\n');
        }
        bodies.forEach((bronzeKey, body) -> {
            byte[] lines = body.toByteArray();
            if (sameLinesStored(bronzeKey.value(), lines)) {
                tally.unchanged.add(bronzeKey.value());
                return;
            }
            if (apply) {
                store.put(bronzeKey.value(), Gzip.compress(lines, SinkConfig.DEFAULT_GZIP_LEVEL));
                LOG.info("Replayed dead letters of {} into {}", key, bronzeKey);
            }
            tally.written.add(bronzeKey.value());
        });
    }

    /** The dead letters of one object, or empty (and named in the report) when it cannot be read whole. */
    private Optional<List<DeadLetter>> read(DeadLetterKey key, Tally tally) {
        List<DeadLetter> letters = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(store.open(key.value()));
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty()) {
                    letters.add(DeadLetter.parse(line));
                }
            }
            return Optional.of(letters);
        } catch (ZipException | java.io.EOFException e) {
            return unreadable(key, "not gzip: " + e.getMessage(), tally);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " from " + store.describe(), e);
        } catch (IllegalArgumentException e) {
            return unreadable(key, e.getMessage(), tally);
        }
    }

    private static Optional<List<DeadLetter>> unreadable(DeadLetterKey key, String why, Tally tally) {
        LOG.warn("Leaving {} alone: {}", key, why);
        tally.unreadable.add(key.value() + ": " + why);
        return Optional.empty();
    }

    /** True when the store holds {@code key} with exactly these lines (compared uncompressed: a new zlib may compress differently). */
    private boolean sameLinesStored(String key, byte[] lines) {
        if (store.stat(key).isEmpty()) {
            return false;
        }
        try (InputStream in = new GZIPInputStream(store.open(key))) {
            return Arrays.equals(in.readAllBytes(), lines);
        } catch (IOException e) {
            return false; // a damaged object is written again whole
        }
    }

    private static final class Tally {
        int objects;
        long letters;
        final SortedMap<String, Long> passing = new TreeMap<>();
        final SortedMap<String, Long> stillFailing = new TreeMap<>();
        final List<String> written = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
    }
}
