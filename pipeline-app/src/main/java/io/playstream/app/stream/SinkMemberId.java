package io.playstream.app.stream;

import io.playstream.stream.GroupMembership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code group.instance.id} of this process's sink member (static membership, see
 * {@link GroupMembership}), held until {@link #close()}.
 *
 * <p>Configured ({@code sink.instance-id} / {@code --instance-id}): used as given; the operator keeps
 * it unique per live member. {@code none}: dynamic membership. Not configured: {@code <host>-sink-<n>},
 * where {@code n} is the lowest slot that no other member of the same group on this machine holds.
 * A slot is an exclusive lock on {@code <tmp>/playstream-sink-members/<group>.<n>.lock}, released by
 * the operating system when the process ends, even by SIGKILL: a restarted member finds its slot
 * free and takes the same id, and two live members on one machine never share one. Across
 * machines the host name tells them apart.
 */
public final class SinkMemberId implements AutoCloseable {

    /** The {@code sink.instance-id} that turns static membership off. */
    public static final String NONE = "none";
    private static final int MAX_SLOTS = 1_000;

    private final GroupMembership membership;
    private final FileChannel slot;

    private SinkMemberId(GroupMembership membership, FileChannel slot) {
        this.membership = membership;
        this.slot = slot;
    }

    /**
     * @param configured     the configured id; blank: derive one
     * @param sessionTimeout how long the group keeps a killed member's partitions for it
     */
    public static SinkMemberId claim(String configured, Duration sessionTimeout, String group) {
        return claim(configured, sessionTimeout, group, Path.of(System.getProperty("java.io.tmpdir"), "playstream-sink-members"),
                hostName());
    }

    static SinkMemberId claim(String configured, Duration sessionTimeout, String group, Path slots, String host) {
        if (NONE.equals(configured)) {
            return new SinkMemberId(GroupMembership.dynamic(), null);
        }
        if (!configured.isBlank()) {
            return new SinkMemberId(GroupMembership.staticMember(configured, sessionTimeout), null);
        }
        try {
            Files.createDirectories(slots);
            for (int n = 0; n < MAX_SLOTS; n++) {
                FileChannel channel = lockOrNull(slots.resolve(safe(group) + "." + n + ".lock"));
                if (channel != null) {
                    return new SinkMemberId(GroupMembership.staticMember(safe(host) + "-sink-" + n, sessionTimeout), channel);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim a sink instance id under " + slots
                    + "; set sink.instance-id (--instance-id) instead", e);
        }
        throw new IllegalStateException(MAX_SLOTS + " sink members of group " + group + " already run on this machine");
    }

    private static FileChannel lockOrNull(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (java.nio.file.AccessDeniedException e) {
            return null; // another user's slot
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // held by another sink in this JVM
        }
        channel.close();
        return null;
    }

    /** Kafka accepts letters, digits, '.', '_' and '-' in an instance id. */
    private static String safe(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    public GroupMembership membership() {
        return membership;
    }

    /** Why the sink stopped when Kafka fenced it: a newer live member took over its id. */
    public static String fencedReason(GroupMembership membership) {
        return "another sink member joined with group.instance.id=" + membership.instanceId().orElse("?")
                + " and Kafka fenced this one (the newer member keeps the id); give each member its own"
                + " sink.instance-id (--instance-id)";
    }

    /** Frees the slot for the next member on this machine. */
    @Override
    public void close() {
        if (slot != null) {
            try {
                slot.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }
}
