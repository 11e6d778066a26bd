package io.playstream.warehouse.sql;

/** What a relation in the warehouse is. */
public enum RelationType {
    TABLE("table"),
    VIEW("view");

    private final String keyword;

    RelationType(String keyword) {
        this.keyword = keyword;
    }

    /** The SQL keyword: {@code drop table}, {@code alter view}. */
    public String keyword() {
        return keyword;
    }
}
