package io.playstream.app.bench;

import java.lang.management.ManagementFactory;

/** The machine a run measured on, printed beside the table and kept in the JSON. */
public record Machine(int cores, long memoryBytes, long maxHeapBytes, String jvm, String os) {

    /** The machine this JVM runs on. */
    public static Machine current() {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), memory, Runtime.getRuntime().maxMemory(),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /** One line: cores, memory, JVM. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d cores, %.1f GiB memory, max heap %.1f GiB, %s, %s", cores,
                memoryBytes / (double) (1L << 30), maxHeapBytes / (double) (1L << 30), jvm, os);
    }
}
