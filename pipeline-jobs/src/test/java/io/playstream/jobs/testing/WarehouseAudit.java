package io.playstream.jobs.testing;

import io.playstream.testing.ScratchPostgres;

/**
 * The warehouse's own record of the work done on it: a PostgreSQL event trigger logs every DDL
 * statement that ends, with its text. Every load runs {@code create table if not exists
 * bronze._load_manifest} once, even when it finds nothing new, and every full transform builds the
 * quarantine table once (a table rebuilt on every run, upstream of every data test, so built even by
 * a run whose tests fail), so counting those statements counts executions, which idempotent
 * stages otherwise hide (a second run of the same load changes no row). Installing an event
 * trigger needs a superuser, which the test server's {@code postgres} user is.
 */
public final class WarehouseAudit {

    private final ScratchPostgres database;

    private WarehouseAudit(ScratchPostgres database) {
        this.database = database;
    }

    public static WarehouseAudit install(ScratchPostgres database) {
        database.update(
                "create schema playstream_test_audit",
                "create table playstream_test_audit.ddl (logged_at timestamptz default clock_timestamp(), tag text, statement text)",
                """
                create function playstream_test_audit.log_ddl() returns event_trigger language plpgsql as $$
                begin
                    insert into playstream_test_audit.ddl (tag, statement) values (tg_tag, current_query());
                end $$""",
                "create event trigger playstream_test_audit_ddl on ddl_command_end execute function playstream_test_audit.log_ddl()");
        return new WarehouseAudit(database);
    }

    /** How many load executions reached the warehouse (the failed attempts that never connected are not among them). */
    public long loads() {
        return database.number("select count(*) from playstream_test_audit.ddl "
                + "where statement ilike 'create table if not exists bronze._load_manifest%'");
    }

    /**
     * How many transform executions reached the warehouse (past its run lock): each reads the state
     * of its models first, so those that rebuild nothing (every model reused) count too.
     */
    public long transforms() {
        return database.number("select count(*) from playstream_test_audit.ddl "
                + "where statement ilike 'create table if not exists %._playstream_model_state%'");
    }
}
