package io.playstream.app.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule of who may call the API when a token is configured: a request proves it knows the
 * token with {@code Authorization: Bearer <token>}, or with the session cookie that
 * {@code POST /api/v1/session} hands out for that header. The cookie exists because a browser
 * cannot add a header when it navigates, and JobRunr's dashboard (served through this server) is
 * pages, scripts and event streams the browser fetches by itself.
 *
 * <p>The cookie holds an expiry and an HMAC of it keyed by the token, not the token
 * ({@link SessionCookie}): it lasts {@link SessionCookie#LIFETIME}. It is {@code HttpOnly} (the
 * pages' scripts never see it), {@code Secure} when the browser reached the app over HTTPS (itself
 * or through a proxy that says so in {@code X-Forwarded-Proto}), and
 * {@code SameSite=Strict}; since "site" ignores the port, a page of another server on the same host
 * would still send it, so a request that changes anything (not GET or HEAD) carried by the cookie
 * alone must come from this server's own origin.
 *
 * <p>Comparisons take the same time whatever the bytes, so timing does not reveal how much of a
 * guess was right.
 */
final class BearerToken {

    static final String COOKIE = "playstream_session";
    private static final String PREFIX = "Bearer ";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private final Optional<byte[]> expected;
    private final Optional<SessionCookie> sessions;

    BearerToken(Optional<String> token) {
        this.expected = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.sessions = expected.map(key -> new SessionCookie(key, Clock.systemUTC()));
    }

    /** Lets the request through, or refuses it with 401 before any handler (and JobRunr) sees it. */
    void check(Context ctx) {
        if (expected.isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            byte[] given = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected.get(), given)) {
                ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                throw new ApiError(401, "the bearer token is not valid");
            }
            return;
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie != null && sessions.get().accepts(cookie)) {
            if (!SAFE_METHODS.contains(ctx.method().name()) && !fromOwnOrigin(ctx)) {
                throw new ApiError(403, "a change carried by the session cookie must come from this server's own pages");
            }
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ApiError(401, "a bearer token is required (Authorization: Bearer <token>); in a browser, open the"
                + " Playstream dashboard at / and follow its JobRunr link, which signs in with POST /api/v1/session");
    }

    /**
     * The {@code Set-Cookie} value that signs a browser in; empty without a token (nothing to prove).
     * {@code Secure} when the browser came over HTTPS, so the cookie never leaves an HTTPS site in
     * clear. {@code X-Forwarded-Proto} is believed for that alone: a client that forges it only
     * gets a cookie its own plain-HTTP requests will not carry.
     */
    Optional<String> signInCookie(Context ctx) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return sessions.map(session -> COOKIE + "=" + session.issue() + "; Path=/; Max-Age="
                + SessionCookie.LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
    }

    /** The {@code Set-Cookie} value that makes the browser forget the session. */
    static String signOutCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
    }

    /** Browsers send {@code Origin} on every request that is not GET or HEAD; it must name this server. */
    private static boolean fromOwnOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin == null || host == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }
}
