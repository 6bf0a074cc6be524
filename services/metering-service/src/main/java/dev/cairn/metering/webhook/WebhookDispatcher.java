package dev.cairn.metering.webhook;

import dev.cairn.metering.MeteringConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Delivers due webhook events every second: a signed POST ({@link WebhookSignature}) with a 10 s timeout; a 2xx is
 * delivered, anything else is tried again after {@code retry-base} × 2^(attempt − 1) (at most an hour), and after
 * {@code max-attempts} the delivery is Failed. Every attempt is in the delivery log.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final Webhooks webhooks;
    private final MeteringConfig config;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public WebhookDispatcher(Webhooks webhooks, MeteringConfig config) {
        this.webhooks = webhooks;
        this.config = config;
    }

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatch() {
        try {
            while (webhooks.dispatch(20, this::attempt) == 20) {
                // more are due: go on
            }
        } catch (RuntimeException e) {
            LOG.warnf("webhook deliveries not dispatched this round: %s", e.getMessage());
        }
    }

    private Webhooks.Outcome attempt(Webhooks.Due due) {
        int attempt = due.attempts() + 1;
        Integer status = null;
        String error;
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(due.url()))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "Cairn-Webhooks/1")
                            .header(
                                    WebhookSignature.HEADER,
                                    WebhookSignature.sign(due.secret(), Instant.now(), due.payload()))
                            .POST(HttpRequest.BodyPublishers.ofString(due.payload()))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 == 2) {
                return new Webhooks.Outcome(DeliveryStatus.Delivered, status, null, Instant.now());
            }
            error = "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        if (attempt >= config.webhooks().maxAttempts()) {
            LOG.warnf("webhook delivery %s failed after %d attempts: %s", due.id(), attempt, error);
            return new Webhooks.Outcome(DeliveryStatus.Failed, status, error, Instant.now());
        }
        Duration wait = config.webhooks().retryBase().multipliedBy(1L << Math.min(20, attempt - 1));
        if (wait.compareTo(Duration.ofHours(1)) > 0) {
            wait = Duration.ofHours(1);
        }
        return new Webhooks.Outcome(
                DeliveryStatus.Pending, status, error, Instant.now().plus(wait));
    }
}
