package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.SnapshotSettings;
import io.playstream.transform.internal.project.SnapshotSettings.HardDeletes;
import io.playstream.warehouse.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of one snapshot build, with dbt's semantics to the letter (dbt-core 1.11's snapshot
 * materialization): the first build selects the query with dbt's four columns; a later build stages
 * every change (an {@code insert} of a new or changed key's new version, an {@code update} ending
 * the version it replaces, a {@code delete} ending the version of a key that left the query, and
 * with {@code hard_deletes: new_record} an {@code insert} of a deleted marker), which
 * {@link SnapshotBuilder} then applies. Column names, the version id's hash and which timestamps
 * the columns take are dbt's, so a snapshot table moves from dbt to the runner and back.
 *
 * <p>dbt's version id ({@code dbt_scd_id}): md5 of the key's values and {@code dbt_updated_at},
 * each cast to varchar (null as empty text), joined by {@code |}. {@code dbt_updated_at} and
 * {@code dbt_valid_from} are the strategy's {@code updated_at}: the timestamp strategy's column,
 * the check strategy's column when given, else the build's clock ({@link Dialect#snapshotTime()}).
 */
final class SnapshotSql {

    /** The staging table's columns that only steer the merge (dbt's names), never inserted. */
    static final String CHANGE_TYPE = "dbt_change_type";
    private static final String KEY = "dbt_unique_key";

    private final SnapshotSettings settings;
    private final SnapshotSettings.Columns columns;
    private final Dialect dialect;

    SnapshotSql(SnapshotSettings settings, Dialect dialect) {
        this.settings = settings;
        this.columns = settings.columns();
        this.dialect = dialect;
    }

    /** Whether a staging column steers the merge only: the change type and the key copies. */
    boolean steering(String column) {
        String name = column.toLowerCase(java.util.Locale.ROOT);
        return name.equals(CHANGE_TYPE) || name.equals(KEY) || name.matches(KEY + "_\\d+");
    }

    /** The first build: the query's rows, each its own first version. */
    String create(String query) {
        String updatedAt = updatedAt();
        return "select *,\n    " + scdId() + " as " + columns.scdId() + ",\n    " + updatedAt + " as " + columns.updatedAt() + ",\n    "
                + updatedAt + " as " + columns.validFrom() + ",\n    " + validToOfNewVersion() + " as " + columns.validTo()
                + (newRecord() ? ",\n    'False' as " + columns.isDeleted() : "") + "\nfrom (\n" + query + "\n) sbq";
    }

    /**
     * Every change against the snapshot's current versions, one row each with its
     * {@value #CHANGE_TYPE}.
     *
     * @param rowChanged when a current version's key has a new version (see {@link #timestampChanged}, {@link #checkChanged})
     * @param queryColumns the query's columns, as the warehouse names them: a deleted marker copies them
     * @param snapshotColumns the snapshot table's columns, as the warehouse names them
     */
    String staging(String query, Relation target, String rowChanged, List<String> queryColumns, Set<String> snapshotColumns) {
        String updatedAt = updatedAt();
        String now = dialect.snapshotTime();
        String revived = newRecord() ? " or snapshotted_data." + columns.isDeleted() + " = 'True'" : "";
        List<String> ctes = new ArrayList<>();
        ctes.add("snapshot_query as (\n" + query + "\n)");
        ctes.add("snapshotted_data as (\n    select *, " + keyFields("") + "\n    from " + target + "\n    where " + isCurrent(columns.validTo(), true) + "\n)");
        ctes.add("insertions_source_data as (\n    select *, " + keyFields("") + ",\n        " + updatedAt + " as " + columns.updatedAt() + ",\n        "
                + updatedAt + " as " + columns.validFrom() + ",\n        " + validToOfNewVersion() + " as " + columns.validTo() + ",\n        "
                + scdId() + " as " + columns.scdId() + "\n    from snapshot_query\n)");
        ctes.add("updates_source_data as (\n    select *, " + keyFields("") + ",\n        " + updatedAt + " as " + columns.updatedAt() + ",\n        "
                + updatedAt + " as " + columns.validFrom() + ",\n        " + updatedAt + " as " + columns.validTo() + "\n    from snapshot_query\n)");
        if (tracksDeletes()) {
            ctes.add("deletes_source_data as (\n    select *, " + keyFields("") + "\n    from snapshot_query\n)");
        }
        ctes.add("insertions as (\n    select '" + "insert' as " + CHANGE_TYPE + ", source_data.*" + (newRecord() ? ", 'False' as " + columns.isDeleted() : "")
                + "\n    from insertions_source_data as source_data\n    left outer join snapshotted_data on " + keysMatch("snapshotted_data", "source_data")
                + "\n    where " + firstKey("snapshotted_data") + " is null\n       or (" + firstKey("snapshotted_data") + " is not null and ("
                + rowChanged + revived + "))\n)");
        ctes.add("updates as (\n    select 'update' as " + CHANGE_TYPE + ", source_data.*, snapshotted_data." + columns.scdId()
                + (newRecord() ? ", snapshotted_data." + columns.isDeleted() : "") + "\n    from updates_source_data as source_data\n    join snapshotted_data on "
                + keysMatch("snapshotted_data", "source_data") + "\n    where (" + rowChanged + revived + ")\n)");
        String deleted = "\n    from snapshotted_data\n    left join deletes_source_data as source_data on " + keysMatch("snapshotted_data", "source_data")
                + "\n    where " + firstKey("source_data") + " is null";
        // a key whose current version is already the deleted marker is not deleted again
        String notYetMarked = newRecord() ? "\n      and not (snapshotted_data." + columns.isDeleted() + " = 'True' and "
                + isCurrent("snapshotted_data." + columns.validTo(), false) + ")" : "";
        if (tracksDeletes()) {
            ctes.add("deletes as (\n    select 'delete' as " + CHANGE_TYPE + ", source_data.*, " + now + " as " + columns.validFrom() + ", " + now + " as "
                    + columns.updatedAt() + ", " + now + " as " + columns.validTo() + ", snapshotted_data." + columns.scdId()
                    + (newRecord() ? ", snapshotted_data." + columns.isDeleted() : "") + deleted + notYetMarked + "\n)");
        }
        if (newRecord()) {
            String copied = queryColumns.stream().map(c -> snapshotColumns.contains(c) ? "snapshotted_data." + dialect.quote(c) : "null as " + dialect.quote(c))
                    .collect(Collectors.joining(", "));
            ctes.add("deletion_records as (\n    select 'insert' as " + CHANGE_TYPE + ", " + copied + ", " + keyFields("snapshotted_data.") + ", " + now
                    + " as " + columns.validFrom() + ", " + now + " as " + columns.updatedAt() + ", snapshotted_data." + columns.validTo() + " as "
                    + columns.validTo() + ", " + hash(List.of(columns.scdId(), now)) + " as " + columns.scdId() + ", 'True' as " + columns.isDeleted()
                    + deleted + notYetMarked + "\n)");
        }
        List<String> unions = new ArrayList<>(List.of("insertions", "updates"));
        if (tracksDeletes()) {
            unions.add("deletes");
        }
        if (newRecord()) {
            unions.add("deletion_records");
        }
        return "with " + String.join(",\n", ctes) + "\n" + unions.stream().map(u -> "select * from " + u).collect(Collectors.joining("\nunion all\n"));
    }

    /** The timestamp strategy's change: the source row is newer than the current version. */
    String timestampChanged() {
        return "(snapshotted_data." + columns.validFrom() + " < source_data." + settings.updatedAt().orElseThrow() + ")";
    }

    /**
     * The check strategy's change: one of the compared columns differs (null against a value
     * counts); every row when the query has a compared column the snapshot lacks yet.
     *
     * @param compared the check columns the snapshot has, quoted
     */
    static String checkChanged(List<String> compared, boolean columnAdded) {
        if (columnAdded) {
            return "(TRUE)";
        }
        return "(" + compared.stream().map(c -> "snapshotted_data." + c + " != source_data." + c + " or ((snapshotted_data." + c
                + " is null) and not (source_data." + c + " is null)) or ((not snapshotted_data." + c + " is null) and (source_data." + c
                + " is null))").collect(Collectors.joining(" or ")) + ")";
    }

    /** Ends the versions the staged changes replace: dbt's merge, as an update (PostgreSQL's form, valid on each warehouse). */
    String closeReplaced(Relation target, Relation staged) {
        return "update " + target + " as dbt_internal_dest\nset " + columns.validTo() + " = dbt_internal_source." + columns.validTo()
                + "\nfrom " + staged + " as dbt_internal_source\nwhere dbt_internal_source." + columns.scdId() + " = dbt_internal_dest."
                + columns.scdId() + "\n  and dbt_internal_source." + CHANGE_TYPE + " in ('update', 'delete')\n  and "
                + isCurrent("dbt_internal_dest." + columns.validTo(), true);
    }

    /** Adds the staged new versions. */
    String insertNew(Relation target, Relation staged, List<String> quotedColumns) {
        String list = String.join(", ", quotedColumns);
        return "insert into " + target + " (" + list + ")\nselect " + quotedColumns.stream().map(c -> "dbt_internal_source." + c)
                .collect(Collectors.joining(", ")) + "\nfrom " + staged + " as dbt_internal_source\nwhere dbt_internal_source." + CHANGE_TYPE + " = 'insert'";
    }

    private String updatedAt() {
        return settings.updatedAt().orElse(dialect.snapshotTime());
    }

    private String scdId() {
        List<String> args = new ArrayList<>(settings.uniqueKey());
        args.add(updatedAt());
        return hash(args);
    }

    /** dbt's snapshot_hash_arguments. */
    private static String hash(List<String> args) {
        return "md5(" + args.stream().map(a -> "coalesce(cast(" + a + " as varchar), '')").collect(Collectors.joining(" || '|' || ")) + ")";
    }

    /** A new version's dbt_valid_to: null, or dbt_valid_to_current, typed as updated_at is. */
    private String validToOfNewVersion() {
        String updatedAt = updatedAt();
        return "coalesce(nullif(" + updatedAt + ", " + updatedAt + "), " + settings.validToCurrent().orElse("null") + ")";
    }

    /**
     * Whether a version is current: its dbt_valid_to is null, or dbt_valid_to_current (where
     * {@code orNull}, also null: versions written before dbt_valid_to_current was set).
     */
    private String isCurrent(String validTo, boolean orNull) {
        return settings.validToCurrent().map(current -> orNull ? "((" + validTo + " = " + current + ") or " + validTo + " is null)"
                : validTo + " = " + current).orElse(validTo + " is null");
    }

    private String keyFields(String prefix) {
        if (!settings.keyIsList()) {
            return prefix + settings.uniqueKey().get(0) + " as " + KEY;
        }
        return IntStream.range(0, settings.uniqueKey().size()).mapToObj(i -> prefix + settings.uniqueKey().get(i) + " as " + KEY + "_" + (i + 1))
                .collect(Collectors.joining(", "));
    }

    private String keysMatch(String left, String right) {
        if (!settings.keyIsList()) {
            return left + "." + KEY + " = " + right + "." + KEY;
        }
        return IntStream.rangeClosed(1, settings.uniqueKey().size()).mapToObj(i -> "(" + left + "." + KEY + "_" + i + " = " + right + "." + KEY + "_" + i + ")")
                .collect(Collectors.joining(" and "));
    }

    private String firstKey(String relation) {
        return relation + "." + KEY + (settings.keyIsList() ? "_1" : "");
    }

    private boolean tracksDeletes() {
        return settings.hardDeletes() != HardDeletes.IGNORE;
    }

    private boolean newRecord() {
        return settings.hardDeletes() == HardDeletes.NEW_RECORD;
    }
}
