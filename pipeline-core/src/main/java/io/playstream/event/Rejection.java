package io.playstream.event;

import static java.util.Objects.requireNonNull;

/**
 * Why a message was refused, with enough detail for a person to find the fault.
 *
 * @param reason the kind of fault
 * @param detail what exactly, e.g. {@code "timestamp: '2025-13-01' is not an ISO-8601 instant"}
 */
public record Rejection(RejectReason reason, String detail) {

    public Rejection {
        requireNonNull(reason, "reason");
        requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
