package io.playstream.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How a sink member belongs to its consumer group.
 *
 * <p>Dynamic (Kafka's default, {@link #dynamic()}): every start joins as a new member, so the
 * partitions of a killed member wait until its session times out before anyone reads them again.
 *
 * <p>Static ({@code group.instance.id}, KIP-345): the group keeps a killed member's partitions for
 * it until {@code sessionTimeout}; a member restarted with the same id within that time gets them
 * back at once, without a rebalance. If it does not come back, the session expires and the others
 * take them over. Kafka fences the older of two live members with one id: the coordinator hands
 * the id to the one that joined last, and the other's next poll or commit fails with
 * {@code FencedInstanceIdException}, so ids must be unique per live member.
 *
 * @param instanceId     {@code group.instance.id}; empty: dynamic membership
 * @param sessionTimeout {@code session.timeout.ms}: how long the group waits for a silent member
 */
public record GroupMembership(Optional<String> instanceId, Duration sessionTimeout) {

    /** Kafka's default session timeout, kept for dynamic members. */
    public static final Duration DEFAULT_DYNAMIC_SESSION_TIMEOUT = Duration.ofSeconds(45);
    /**
     * Long enough for a supervisor (systemd, Kubernetes, a script) to restart a killed member, which
     * takes seconds; short enough that a member that never comes back holds its partitions for less
     * than the dynamic default.
     */
    public static final Duration DEFAULT_STATIC_SESSION_TIMEOUT = Duration.ofSeconds(30);
    /** The brokers' default {@code group.min.session.timeout.ms} and {@code group.max.session.timeout.ms}. */
    public static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);
    public static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(30);
    /** What Kafka accepts as a {@code group.instance.id} (JoinGroupRequest.validateGroupInstanceId). */
    private static final Pattern VALID_ID = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public GroupMembership {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        instanceId.ifPresent(id -> {
            if (!isValidInstanceId(id)) {
                throw new IllegalArgumentException("group.instance.id must be 1-249 letters, digits, '.', '_' or '-', was '"
                        + id + "'");
            }
        });
        if (sessionTimeout.compareTo(MIN_SESSION_TIMEOUT) < 0 || sessionTimeout.compareTo(MAX_SESSION_TIMEOUT) > 0) {
            throw new IllegalArgumentException("session.timeout.ms must be between " + MIN_SESSION_TIMEOUT.toMillis() + " and "
                    + MAX_SESSION_TIMEOUT.toMillis() + " (the brokers' default bounds), was " + sessionTimeout.toMillis());
        }
    }

    public static boolean isValidInstanceId(String id) {
        return VALID_ID.matcher(id).matches();
    }

    public static GroupMembership dynamic() {
        return new GroupMembership(Optional.empty(), DEFAULT_DYNAMIC_SESSION_TIMEOUT);
    }

    public static GroupMembership staticMember(String instanceId, Duration sessionTimeout) {
        return new GroupMembership(Optional.of(instanceId), sessionTimeout);
    }

    public boolean isStatic() {
        return instanceId.isPresent();
    }

    /** The consumer settings of this membership; the heartbeat stays at a third of the session, as Kafka advises. */
    Map<String, String> consumerProperties() {
        String session = Long.toString(sessionTimeout.toMillis());
        String heartbeat = Long.toString(Math.min(3_000, sessionTimeout.toMillis() / 3));
        return instanceId.map(id -> Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id,
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, heartbeat))
                .orElse(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, heartbeat));
    }

    @Override
    public String toString() {
        return instanceId.map(id -> "static(group.instance.id=" + id + ", session=" + sessionTimeout.toSeconds() + " s)")
                .orElse("dynamic(session=" + sessionTimeout.toSeconds() + " s)");
    }
}
