package io.playstream.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A session cookie lasts its lifetime, and neither its expiry nor its key can be changed by whoever holds it. */
class SessionCookieTest {

    private static final byte[] TOKEN = "the-token".getBytes(StandardCharsets.UTF_8);
    private static final Instant SIGNED_IN = Instant.parse("2026-12-07T08:00:00Z");

    private static SessionCookie at(Instant now, byte[] key) {
        return new SessionCookie(key, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aCookieWorksUntilItsLifetimeEndsAndNotAfter() {
        String value = at(SIGNED_IN, TOKEN).issue();

        assertThat(at(SIGNED_IN, TOKEN).accepts(value)).isTrue();
        assertThat(at(SIGNED_IN.plus(SessionCookie.LIFETIME).minusSeconds(1), TOKEN).accepts(value)).isTrue();
        assertThat(at(SIGNED_IN.plus(SessionCookie.LIFETIME), TOKEN).accepts(value)).isFalse();
    }

    @Test
    void aLaterExpiryAnotherTokenOrAnythingElseIsRefused() {
        String value = at(SIGNED_IN, TOKEN).issue();
        String mac = value.substring(value.indexOf('.') + 1);
        long expires = Long.parseLong(value.substring(0, value.indexOf('.')));

        assertThat(value).doesNotContain("the-token");
        assertThat(at(SIGNED_IN, TOKEN).accepts((expires + 86_400) + "." + mac)).as("expiry pushed back").isFalse();
        assertThat(at(SIGNED_IN, "another-token".getBytes(StandardCharsets.UTF_8)).accepts(value)).as("token changed").isFalse();
        for (String junk : new String[] {"", ".", "x." + mac, mac, "the-token", expires + "."}) {
            assertThat(at(SIGNED_IN, TOKEN).accepts(junk)).as(junk).isFalse();
        }
    }
}
