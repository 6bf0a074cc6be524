package dev.cairn.tenant.mail;

import dev.cairn.tenant.signup.SignupMailer;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jboss.logging.Logger;

/**
 * Signup mails through the platform's SMTP server (Quarkus' mailer, {@code cairn.mail.*}), each tried up to five times
 * with backoff before it is given up (and logged: the person signs up again).
 */
@ApplicationScoped
public class SmtpSignupMailer implements SignupMailer {
    private static final Logger LOG = Logger.getLogger(SmtpSignupMailer.class);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ReactiveMailer mailer;

    public SmtpSignupMailer(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void sendConfirmation(String email, String organisation, URI link, Instant expiresAt) {
        send(Mail.withText(
                email, "Confirm your Cairn signup", """
                Hello,

                someone, probably you, signed up to Cairn with this address for the organisation "%s".
                Follow this link to create the tenant (it works until %s):

                %s

                If it was not you, ignore this mail: nothing is created unless the link is followed.
                """.formatted(organisation, WHEN.format(expiresAt), link)));
    }

    @Override
    public void sendAccountExists(String email, URI signIn) {
        send(Mail.withText(email, "Your Cairn account", """
                Hello,

                someone, probably you, tried to sign up to Cairn with this address, which has an account already.
                Sign in at %s instead; if you forgot your password, choose "Forgot password?" there.

                If it was not you, ignore this mail: nothing changed.
                """.formatted(signIn)));
    }

    private void send(Mail mail) {
        String domain =
                mail.getTo().getFirst().substring(mail.getTo().getFirst().lastIndexOf('@') + 1);
        mailer.send(mail)
                // an SMTP 4xx is transient by definition (a 421 from a relay that closed an idle pooled connection,
                // say): tried again on a new connection
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(8))
                .atMost(4)
                .subscribe()
                .with(
                        sent -> LOG.debugf("signup mail sent to an address at %s", domain),
                        failure -> LOG.warnf(
                                "signup mail to an address at %s not sent: %s", domain, failure.getMessage()));
    }
}
