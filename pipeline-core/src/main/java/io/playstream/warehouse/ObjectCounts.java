package io.playstream.warehouse;

/** What a bulk loader wrote for one object: rows and rejected lines. */
record ObjectCounts(long rows, long rejectedLines) {

    static final ObjectCounts NONE = new ObjectCounts(0, 0);

    ObjectCounts plus(ObjectCounts other) {
        return new ObjectCounts(rows + other.rows, rejectedLines + other.rejectedLines);
    }
}
