package io.playstream.app.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cookie's value: when it expires (epoch seconds) and an HMAC, keyed by the token, of
 * that time. Whoever reads it cannot use it as a bearer token, nor make it last longer (the MAC
 * covers the expiry), and every app instance sharing the token accepts it without shared state.
 * The browser drops it after {@link #LIFETIME} ({@code Max-Age}); the server refuses it after
 * that too, so a copied cookie stops working on its own. Changing the token ends every session.
 */
final class SessionCookie {

    /** A working day: long enough not to interrupt someone watching the dashboard, short for a lost cookie. */
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final String PURPOSE = "playstream dashboard session v2|";

    private final byte[] key;
    private final Clock clock;

    SessionCookie(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /** A value valid for {@link #LIFETIME} from now. */
    String issue() {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        return expires + "." + mac(expires);
    }

    /** Whether {@code value} was issued with this key and has not expired; the MAC is compared in constant time. */
    boolean accepts(String value) {
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(value.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        boolean genuine = MessageDigest.isEqual(mac(expires).getBytes(StandardCharsets.US_ASCII),
                value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
        return genuine && clock.instant().getEpochSecond() < expires;
    }

    private String mac(long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((PURPOSE + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
