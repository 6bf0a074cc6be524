package dev.cairn.testing.servers;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local platform's mail sink: an SMTP server (GreenMail) in this JVM that keeps every mail the platform sends
 * (signup confirmations, Keycloak's password resets) instead of delivering it, and writes each to
 * {@code <folder>/<n>-<address>.eml}, where a person trying the platform by hand reads it. Plain SMTP on
 * 127.0.0.1, no login.
 */
public final class MailServer implements AutoCloseable {
    private final GreenMail greenMail;
    private final int port;
    private final Path folder;
    private final Set<String> written = new HashSet<>();
    private final Thread writer;
    private volatile boolean open = true;

    private MailServer(int port, Path folder) {
        this.port = port;
        this.folder = folder;
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.writer = Thread.ofPlatform().daemon().name("cairn-mail-files").unstarted(this::writeFiles);
    }

    /** Starts the sink on a free port, writing what it receives under {@code folder}. */
    public static MailServer start(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MailServer server = new MailServer(Ports.free(), folder);
        server.greenMail.start();
        server.writer.start();
        return server;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Where the received mails are written, one {@code .eml} file each. */
    public Path folder() {
        return folder;
    }

    /**
     * A received mail.
     *
     * @param to its first recipient
     * @param subject its subject
     * @param text its body as text
     */
    public record Mail(String to, String subject, String text) {
        /** The first link in the text that starts with {@code prefix}, if any. */
        public Optional<String> link(String prefix) {
            Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\S*").matcher(text);
            return m.find() ? Optional.of(m.group()) : Optional.empty();
        }
    }

    /** Every mail received for the address so far, oldest first. */
    public List<Mail> to(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            Mail mail = read(message);
            if (mail.to().equalsIgnoreCase(wanted)) {
                mails.add(mail);
            }
        }
        return mails;
    }

    /**
     * Waits until a mail for the address that {@code wanted} accepts has arrived, and answers the last such.
     *
     * @throws IllegalStateException when none arrived within {@code timeout}
     */
    public Mail await(String address, Predicate<Mail> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Mail> mails = to(address).stream().filter(wanted).toList();
            if (!mails.isEmpty()) {
                return mails.getLast();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no mail for " + address + " within " + timeout + "; it has "
                        + to(address).stream().map(Mail::subject).toList());
            }
            int received = greenMail.getReceivedMessages().length;
            greenMail.waitForIncomingEmail(200, received + 1);
        }
    }

    private static Mail read(MimeMessage message) {
        try {
            var recipients = message.getAllRecipients();
            String to = recipients == null || recipients.length == 0 ? "" : recipients[0].toString();
            return new Mail(to.toLowerCase(Locale.ROOT), message.getSubject(), text(message.getContent()));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable mail: " + e.getMessage(), e);
        }
    }

    /** The decoded text of a body (the first part of a multipart one). */
    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof jakarta.mail.Multipart multipart && multipart.getCount() > 0) {
            return text(multipart.getBodyPart(0).getContent());
        }
        return String.valueOf(content);
    }

    /** Writes each new mail to a file of its own, for people to read. */
    private void writeFiles() {
        while (open) {
            int count = written.size();
            greenMail.waitForIncomingEmail(1000, count + 1);
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                if (!open || !written.add(identity(message))) {
                    continue;
                }
                String name = written.size() + "-" + read(message).to().replaceAll("[^A-Za-z0-9@._-]", "_") + ".eml";
                try (OutputStream out = Files.newOutputStream(folder.resolve(name))) {
                    message.writeTo(out);
                } catch (IOException | MessagingException e) {
                    System.err.println("cannot write mail " + name + ": " + e.getMessage());
                }
            }
        }
    }

    /** What tells one mail from another: its Message-ID, or its content when it has none. */
    private static String identity(MimeMessage message) {
        try {
            String id = message.getMessageID();
            return id != null ? id : GreenMailUtil.getWholeMessage(message);
        } catch (MessagingException e) {
            return GreenMailUtil.getWholeMessage(message);
        }
    }

    @Override
    public void close() {
        open = false;
        writer.interrupt();
        greenMail.stop();
    }

    @Override
    public String toString() {
        return "mail sink on port " + port;
    }
}
