package io.playstream.warehouse;

/** The warehouses Playstream loads into; the names are dbt's adapter types. */
public enum WarehouseKind {
    DUCKDB("duckdb"),
    POSTGRES("postgres"),
    SNOWFLAKE("snowflake");

    private final String adapterType;

    WarehouseKind(String adapterType) {
        this.adapterType = adapterType;
    }

    /** dbt's name for the adapter ({@code target.type}), e.g. {@code postgres}. */
    public String adapterType() {
        return adapterType;
    }
}
