package dev.cairn.tenant.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SmtpSignupMailerTest {

    /** A mail server that refuses the first {@code refusals} attempts with a transient error. */
    static final class FlakyServer implements ReactiveMailer {
        final AtomicInteger attempts = new AtomicInteger();
        final List<Mail> delivered = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        final int refusals;

        FlakyServer(int refusals) {
            this.refusals = refusals;
        }

        @Override
        public Uni<Void> send(Mail... mails) {
            return Uni.createFrom().deferred(() -> {
                if (attempts.incrementAndGet() <= refusals) {
                    return Uni.createFrom().failure(new IllegalStateException("421 Service shutting down"));
                }
                delivered.addAll(List.of(mails));
                done.countDown();
                return Uni.createFrom().voidItem();
            });
        }
    }

    @Test
    void aTransientRefusalIsTriedAgainAndTheMailDelivered() throws InterruptedException {
        FlakyServer server = new FlakyServer(2);

        new SmtpSignupMailer(server)
                .sendConfirmation(
                        "admin@acme.test",
                        "Acme",
                        URI.create("https://cairn.example.com/signup/confirm?token=abc"),
                        Instant.parse("2026-12-05T10:00:00Z"));

        assertThat(server.done.await(20, TimeUnit.SECONDS))
                .as("delivered after two refusals")
                .isTrue();
        assertThat(server.attempts).hasValue(3);
        Mail mail = server.delivered.getFirst();
        assertThat(mail.getTo()).containsExactly("admin@acme.test");
        assertThat(mail.getText())
                .contains("\"Acme\"", "https://cairn.example.com/signup/confirm?token=abc", "2026-12-05 10:00 UTC");
    }
}
