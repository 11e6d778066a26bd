package io.playstream.app.http;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/session} signs a browser in: called with the bearer token (the token check
 * guards it like any {@code /api} call), it answers 204 with the session cookie, which then carries
 * the browser through pages it navigates to, JobRunr's dashboard first ({@link BearerToken}).
 * {@code DELETE /api/v1/session} signs it out. Without a token both answer 204 and set nothing.
 */
final class SessionApi {

    static final String PATH = "/api/v1/session";

    private final BearerToken token;

    SessionApi(BearerToken token) {
        this.token = token;
    }

    void routes(Javalin app) {
        app.post(PATH, this::signIn);
        app.delete(PATH, this::signOut);
    }

    private void signIn(Context ctx) {
        token.signInCookie(ctx).ifPresent(cookie -> ctx.header("Set-Cookie", cookie));
        ctx.header("Cache-Control", "no-store").status(204);
    }

    private void signOut(Context ctx) {
        ctx.header("Set-Cookie", BearerToken.signOutCookie()).header("Cache-Control", "no-store").status(204);
    }
}
