package io.playstream.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The committed corpus of bad messages in {@code src/test/resources/hostile-corpus}: one file per
 * case under {@code cases/}, and {@code manifest.tsv} saying where each must land. A case whose
 * manifest row gives a size has its {@code @PAD@} placeholder filled with {@code x} up to that many
 * bytes, so a message past the size limit need not be committed at full length.
 */
public final class HostileCorpus {

    private static final String ROOT = "/hostile-corpus/";
    private static final byte[] PAD = "@PAD@".getBytes(StandardCharsets.UTF_8);

    /** Where a case must end up. */
    public enum Outcome { DEAD_LETTER, QUARANTINE, SILVER }

    /**
     * @param name    the file name without {@code .msg}
     * @param outcome where it must land
     * @param reason  the dead-letter or quarantine reason; empty for silver
     * @param what    what the case is, for the report
     * @param message the bytes sent to Kafka
     */
    public record Case(String name, Outcome outcome, String reason, String what, byte[] message) {

        public String text() {
            return new String(message, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private HostileCorpus() {
    }

    public static List<Case> load() {
        List<Case> cases = new ArrayList<>();
        for (String line : read("manifest.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            String[] expect = columns[1].split(":", 2);
            byte[] message = bytes("cases/" + columns[0] + ".msg");
            if (columns.length > 3 && !columns[3].isBlank()) {
                message = padded(message, Integer.parseInt(columns[3]));
            }
            cases.add(new Case(columns[0], Outcome.valueOf(expect[0].toUpperCase(java.util.Locale.ROOT)),
                    expect.length > 1 ? expect[1] : "", columns[2], message));
        }
        return cases;
    }

    private static byte[] padded(byte[] template, int size) {
        int at = indexOf(template, PAD);
        byte[] result = new byte[size];
        System.arraycopy(template, 0, result, 0, at);
        int tail = template.length - at - PAD.length;
        Arrays.fill(result, at, size - tail, (byte) 'x');
        System.arraycopy(template, at + PAD.length, result, size - tail, tail);
        return result;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException("no @PAD@ placeholder in a padded case");
    }

    private static String read(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String path) {
        try (InputStream in = Objects.requireNonNull(HostileCorpus.class.getResourceAsStream(ROOT + path), path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
