package io.playstream.app.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body up to a limit, whether or not the client declared its length (a chunked
 * body has none): anything longer is refused with 413 before it is buffered.
 */
final class BoundedBody {

    private BoundedBody() {
    }

    static byte[] read(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private static ApiError tooLarge(int maxBytes) {
        return new ApiError(413, "request body larger than " + maxBytes + " bytes");
    }
}
