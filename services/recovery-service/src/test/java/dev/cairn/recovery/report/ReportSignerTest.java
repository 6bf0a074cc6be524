package dev.cairn.recovery.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSignerTest {
    @TempDir
    Path tmp;

    private static final byte[] REPORT = "{\"outcome\":\"Completed\"}\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKeyFileIsMadeOnceOwnerReadableAndReadBackAsTheSameKey() throws Exception {
        Path file = tmp.resolve("keys/report-signing-key.pem");
        ReportSigner made = ReportSigner.fromFile(file, true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        ReportSigner read = ReportSigner.fromFile(file, false);
        assertThat(read.keyId()).isEqualTo(made.keyId()).hasSize(16);
        assertThat(read.publicKeyPem()).isEqualTo(made.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(read.verify(REPORT, made.sign(REPORT))).isTrue();
    }

    @Test
    void aMissingKeyIsRefusedWhenItMayNotBeMade() {
        assertThatThrownBy(() -> ReportSigner.fromFile(tmp.resolve("absent.pem"), false))
                .hasMessageContaining("no report-signing key at");
    }

    @Test
    void aChangedReportOrAnotherKeyDoesNotVerify() {
        ReportSigner signer = ReportSigner.generate();
        byte[] signature = signer.sign(REPORT);
        byte[] changed = "{\"outcome\":\"Completed\"} \n".getBytes(StandardCharsets.UTF_8);
        assertThat(signer.verify(changed, signature)).isFalse();
        assertThat(ReportSigner.generate().verify(REPORT, signature)).isFalse();
        assertThat(ReportSigner.verify(ReportSigner.publicKey(signer.publicKeyPem()), REPORT, signature))
                .isTrue();
    }

    @Test
    void opensslVerifiesTheDetachedSignatureWithThePublishedKey() throws Exception {
        ReportSigner signer = ReportSigner.generate();
        Path report = Files.write(tmp.resolve("report.json"), REPORT);
        Path signature = Files.write(tmp.resolve("report.json.sig"), signer.sign(REPORT));
        Path key = Files.writeString(tmp.resolve("signing-key.pem"), signer.publicKeyPem());
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "dgst",
                        "-sha256",
                        "-verify",
                        key.toString(),
                        "-signature",
                        signature.toString(),
                        report.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip()).isEqualTo("Verified OK");
        assertThat(openssl.exitValue()).isZero();
    }
}
