package dev.cairn.platform.http;

import dev.cairn.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** The answer to a request over its rate: {@code 429 rate-limited} with {@code Retry-After} in whole seconds. */
public final class RateLimited {
    private RateLimited() {}

    /**
     * @param wait how long until the bucket has a token again
     * @param who whose rate was exceeded, for the detail ({@code "this partner exceeded 20 requests per second"})
     */
    public static Response answer(Duration wait, String who, String path) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Response.status(429)
                .header("Retry-After", Long.toString(seconds))
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(
                        Problem.type("rate-limited"),
                        "Too many requests",
                        429,
                        who + "; retry after " + seconds + " s",
                        path,
                        null))
                .build();
    }
}
