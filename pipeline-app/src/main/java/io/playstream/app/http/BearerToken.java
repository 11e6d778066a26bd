package io.playstream.app.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} when a token is configured. The comparison takes the
 * same time whatever the bytes, so timing does not reveal how much of a guess was right.
 */
final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private final Optional<byte[]> expected;

    BearerToken(Optional<String> token) {
        this.expected = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    void check(Context ctx) {
        if (expected.isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "a bearer token is required (Authorization: Bearer <token>)");
        }
        byte[] given = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected.get(), given)) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiError(401, "the bearer token is not valid");
        }
    }
}
