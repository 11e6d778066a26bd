package io.playstream.app.cli;

import io.playstream.event.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Every command's time options ({@code generate --from/--to}, {@code load --from/--to},
 * {@code demo --until}) as one {@link Instant} converter, registered once on the command line: a
 * date ({@code 2025-12-01}, its midnight UTC), a date-time without zone ({@code 2025-12-01T06:00},
 * UTC) or an instant with {@code Z} or an offset.
 */
final class TimeOption implements CommandLine.ITypeConverter<Instant> {

    static final String ACCEPTED = "accepted: 2025-12-01, 2025-12-01T06:00 (both UTC) or 2025-12-01T06:00:00Z";

    @Override
    public Instant convert(String text) {
        var instant = Timestamps.parse(text);
        if (instant.isPresent()) {
            return instant.get();
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADateTime) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a date or an instant (" + ACCEPTED + ")");
            }
        }
    }
}
