package dev.cairn.tenant.http;

import dev.cairn.tenant.idempotency.IdempotencyKeys;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The answers of creating requests: the status, and a {@code Location} naming what was made. */
public final class Answers {
    private Answers() {}

    /**
     * {@code status} (or {@code 200} for the repeat of the request that made it, by its {@code Idempotency-Key})
     * with the made thing and its {@code path} (the JAX-RS runtime makes it absolute, on the host the caller asked:
     * the services trust the gateway's {@code X-Forwarded-*}).
     */
    public static Response made(int status, IdempotencyKeys.Outcome<?> outcome, String path) {
        return Response.status(outcome.repeated() ? 200 : status)
                .location(URI.create(path))
                .entity(outcome.result())
                .build();
    }
}
