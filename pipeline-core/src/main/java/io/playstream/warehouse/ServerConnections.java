package io.playstream.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;

/** Connections to a server warehouse through its JDBC driver: a URL, driver properties, a secret-free description. */
record ServerConnections(String url, Supplier<Properties> properties, String description) {

    Connection connect() {
        try {
            return DriverManager.getConnection(url, properties.get());
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot connect to " + description, e);
        }
    }

    /** Takes a lock on a connection of its own; {@code what} names it in the error. */
    WarehouseLock lock(String what, LockTaker taker) {
        try {
            return taker.take(connect());
        } catch (SQLException e) {
            throw SqlFailures.classify("cannot take the " + what + " on " + description, e);
        }
    }

    /** Takes a lock on the connection it is given. */
    interface LockTaker {
        WarehouseLock take(Connection connection) throws SQLException;
    }
}
