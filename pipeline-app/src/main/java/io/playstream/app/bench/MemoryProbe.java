package io.playstream.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak heap and resident memory around one measured step. Heap: the sum of the heap pools' peaks
 * since {@link #reset()}. Resident: {@code VmHWM} and {@code VmRSS} of {@code /proc/self/status};
 * the high-water mark is reset by writing 5 to {@code /proc/self/clear_refs} where the kernel allows
 * it, otherwise it is the process's peak so far. Off Linux both resident figures are -1.
 */
final class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** Memory a step used. */
    record Usage(long peakHeapBytes, long peakRssBytes, long rssBytes) {
    }

    private MemoryProbe() {
    }

    static void reset() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not allowed: VmHWM stays the process's peak, still an upper bound
        }
    }

    static Usage read() {
        long heap = heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Usage(heap, status(STATUS, "VmHWM:"), status(STATUS, "VmRSS:"));
    }

    /** The peak resident memory of another process, e.g. a child the bench started, or -1 off Linux. */
    static long peakRss(long pid) {
        return status(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    /** A {@code kB} line of /proc/self/status, in bytes, or -1. */
    private static long status(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
