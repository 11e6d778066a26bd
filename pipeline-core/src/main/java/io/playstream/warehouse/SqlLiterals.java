package io.playstream.warehouse;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * SQL literals for the few places where engines take no bind parameters (file lists of table
 * functions, PUT). Inputs are parsed object keys and local paths; quotes are doubled anyway and
 * control characters refused, so no value can end the literal.
 */
final class SqlLiterals {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private SqlLiterals() {
    }

    static String string(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("refusing a control character in an SQL literal");
            }
        }
        return "'" + value.replace("'", "''") + "'";
    }

    static String timestamp(LocalDateTime value) {
        return "timestamp '" + TIMESTAMP.format(value) + "'";
    }
}
