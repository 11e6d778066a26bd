package io.playstream.event;

import java.util.Optional;

/** What a listener did. The wire names are the original pipeline's. */
public enum EventType {
    PLAY("play"),
    PAUSE("pause"),
    SKIP("skip"),
    ADD_TO_PLAYLIST("add_to_playlist");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in the warehouse, e.g. {@code add_to_playlist}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, case-sensitive as the contract is; empty when unknown. */
    public static Optional<EventType> fromWireName(String name) {
        // a switch, not a loop over values(): this runs once per decoded event
        switch (name) {
            case "play":
                return Optional.of(PLAY);
            case "pause":
                return Optional.of(PAUSE);
            case "skip":
                return Optional.of(SKIP);
            case "add_to_playlist":
                return Optional.of(ADD_TO_PLAYLIST);
            default:
                return Optional.empty();
        }
    }
}
