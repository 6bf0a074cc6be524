package dev.cairn.baseimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release file's signature, checked as apt checks it: Debian's own signed {@code InRelease} of trixie-updates (as
 * served on 2026-12-05) against the trixie archive keys in the build's resources, and messages signed here by a key of
 * the test's own.
 */
class ReleaseSignatureTest {
    private static byte[] debian;
    private static PGPKeyPair ownKey;
    private static PGPKeyPair strangerKey;

    @BeforeAll
    static void keys() throws Exception {
        try (InputStream in = ReleaseSignatureTest.class.getResourceAsStream("trixie-updates.InRelease")) {
            debian = in.readAllBytes();
        }
        ownKey = rsa();
        strangerKey = rsa();
    }

    @Test
    void debiansReleaseFileIsSignedByItsArchiveKey() throws IOException {
        ReleaseSignature.Verified verified = ReleaseSignature.of("trixie").verify(debian);

        assertThat(verified.signers())
                .contains("Debian Archive Automatic Signing Key (13/trixie) <ftpmaster@debian.org>");
        assertThat(verified.text()).startsWith("Origin: Debian\n").doesNotContain("PGP");
        assertThat(ReleaseFile.hashOf(verified.text(), "main/binary-amd64/Packages.xz")
                        .size())
                .isPositive();
    }

    @Test
    void oneChangedCharacterMakesDebiansSignatureBad() {
        String text = new String(debian, StandardCharsets.UTF_8);
        int hash = text.indexOf("main/binary-amd64/Packages.xz") - 30;
        char changed = text.charAt(hash) == '0' ? '1' : '0';
        byte[] tampered =
                (text.substring(0, hash) + changed + text.substring(hash + 1)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReleaseSignature.of("trixie").verify(tampered))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("BAD signature by Debian Archive Automatic Signing Key (13/trixie)");
    }

    @Test
    void textBeforeTheSignedMessageIsRefused() {
        byte[] prefixed = ("SHA256:\n 00 1 main/binary-amd64/Packages.xz\n"
                        + new String(debian, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReleaseSignature.of("trixie").verify(prefixed))
                .hasMessageContaining("not a clear-signed message");
    }

    @Test
    void aMessageSignedOnlyByAnUnknownKeyIsRefused() throws Exception {
        byte[] message = clearSigned(strangerKey, List.of("Origin: Debian", "Suite: stable"));

        assertThatThrownBy(() -> ReleaseSignature.of("trixie").verify(message))
                .hasMessageContaining("no signature by a trusted Debian key");
    }

    @Test
    void theSignedTextIsCanonicalDashEscapedAndFreeOfTrailingWhiteSpace() throws Exception {
        // RFC 9580 7.2: the signature covers the lines without trailing white space, joined by CR LF; a line that
        // begins with a dash travels escaped ("- -")
        List<String> lines = List.of("Origin: Test", "Suite: stable   ", "-----BEGIN PGP SIGNATURE-----", "SHA256:");
        ReleaseSignature trusting = new ReleaseSignature(ring(ownKey));

        ReleaseSignature.Verified verified = trusting.verify(clearSigned(ownKey, lines));

        assertThat(verified.text()).isEqualTo("Origin: Test\nSuite: stable\n-----BEGIN PGP SIGNATURE-----\nSHA256:\n");
        assertThat(verified.signers()).hasSize(1);
    }

    @Test
    void aMessageChangedAfterItsSignatureIsRefused() throws Exception {
        String signed =
                new String(clearSigned(ownKey, List.of("Origin: Test", "Suite: stable")), StandardCharsets.UTF_8);
        byte[] changed = signed.replace("Suite: stable", "Suite: stale").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new ReleaseSignature(ring(ownKey)).verify(changed))
                .hasMessageContaining("BAD signature");
    }

    @Test
    void anExpiredReleaseFileIsRefused() throws Exception {
        byte[] message = clearSigned(ownKey, List.of("Origin: Debian", "Valid-Until: Wed, 09 Dec 2026 23:13:44 UTC"));
        DebianArchive suite = new DebianArchive(
                null,
                java.net.URI.create("https://deb.debian.org/debian"),
                "trixie-updates",
                null,
                new ReleaseSignature(ring(ownKey)));

        assertThat(suite.verified(message, Instant.parse("2026-12-09T23:00:00Z")))
                .startsWith("Origin: Debian\n");
        assertThatThrownBy(() -> suite.verified(message, Instant.parse("2026-12-10T00:00:00Z")))
                .hasMessageContaining("expired at 2026-12-09T23:13:44Z");
    }

    @Test
    void aReleaseWithoutKeysInTheBuildIsNamed() {
        assertThatThrownBy(() -> ReleaseSignature.of("forky"))
                .hasMessageContaining("no archive key keys/debian-archive-forky-automatic.asc");
    }

    private static PGPKeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new JcaPGPKeyPair(
                PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, generator.generateKeyPair(), new Date());
    }

    private static PGPPublicKeyRingCollection ring(PGPKeyPair key) {
        return new PGPPublicKeyRingCollection(List.of(new PGPPublicKeyRing(List.of(key.getPublicKey()))));
    }

    /** A clear-signed message of {@code lines} as Debian's archive writes them (SHA-256, LF line endings). */
    private static byte[] clearSigned(PGPKeyPair key, List<String> lines) throws Exception {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new JcaPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                key.getPublicKey());
        generator.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, key.getPrivateKey());
        generator.update(
                String.join("\r\n", lines.stream().map(String::stripTrailing).toList())
                        .getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream armoured = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = ArmoredOutputStream.builder().build(armoured)) {
            generator.generate().encode(out);
        }
        StringBuilder message = new StringBuilder("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n");
        for (String line : lines) {
            message.append(line.startsWith("-") ? "- " : "").append(line).append('\n');
        }
        return message.append(armoured.toString(StandardCharsets.US_ASCII))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }
}
