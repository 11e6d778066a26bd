package io.playstream.warehouse;

/** Why a line went to {@code bronze._rejected_lines}: the same words from every dialect. */
final class RejectReasons {

    static final String EMPTY_LINE = "empty line";
    static final String NOT_JSON = "not valid JSON";
    static final String NOT_UTF8 = "not UTF-8";
    /** Followed by the JSON type, e.g. "JSON array, not an object". */
    static final String NOT_AN_OBJECT_FORMAT = "JSON %s, not an object";

    private RejectReasons() {
    }
}
