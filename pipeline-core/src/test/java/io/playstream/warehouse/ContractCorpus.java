package io.playstream.warehouse;

import io.playstream.event.EventFuzzer;
import io.playstream.stream.HostileCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * The one corpus the contract's tests share: the original pipeline's events, the hostile corpus
 * and 10,000 fuzzed lines, less those with a raw line break (they cannot be one bronze line, and
 * the sink refuses them). {@link #lines()} are those DuckDB's CSV reader takes line by line,
 * {@link #oddBytes()} those (not UTF-8, or a raw NUL) for which it refuses the whole object.
 */
record ContractCorpus(List<byte[]> lines, List<byte[]> oddBytes) {

    static final int FUZZED = 10_000;

    static ContractCorpus build() throws IOException {
        List<String> valid = new String(resource("/fixtures/seed-events.ndjson"), StandardCharsets.UTF_8).lines().toList();
        List<byte[]> lines = new ArrayList<>();
        valid.forEach(line -> lines.add(line.getBytes(StandardCharsets.UTF_8)));
        HostileCorpus.load().forEach(c -> lines.add(c.message()));
        lines.addAll(new EventFuzzer(20).lines(valid, FUZZED));
        lines.removeIf(line -> indexOf(line, (byte) '\n') >= 0 || indexOf(line, (byte) '\r') >= 0);
        List<byte[]> oddBytes = lines.stream().filter(line -> !isUtf8(line) || indexOf(line, (byte) 0) >= 0).toList();
        lines.removeAll(oddBytes);
        return new ContractCorpus(List.copyOf(lines), oddBytes);
    }

    /** The lines as one gzipped bronze object. */
    static byte[] gzip(List<byte[]> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 1 << 16)) {
            for (byte[] line : lines) {
                gzip.write(line);
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String shown(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static boolean isUtf8(byte[] line) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(line));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static int indexOf(byte[] line, byte wanted) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = Objects.requireNonNull(ContractCorpus.class.getResourceAsStream(path), path)) {
            return in.readAllBytes();
        }
    }
}
