package dev.cairn.cli.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.Api;
import dev.cairn.cli.platform.CliException;
import dev.cairn.cli.platform.Platform;
import dev.cairn.cli.platform.PlatformOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "drill",
        description = "Signed reports of restore drills and recoveries.",
        synopsisSubcommandLabel = "report",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn drill report 9b2e… --out ./audit     # report.json, its signature and the platform's key, checked",
            "  openssl dgst -sha256 -verify signing-key.pem -signature recovery-9b2e….json.sig recovery-9b2e….json"
        })
public final class DrillCommand {
    private final Io io;

    DrillCommand(Io io) {
        this.io = io;
    }

    @Command(
            name = "report",
            description = {
                "Download an ended recovery's or drill's report, its detached signature and the platform's public",
                "key into a folder, and check the signature. Exit status 1 when it does not verify."
            })
    int report(
            @Parameters(paramLabel = "RECOVERY_ID") UUID id,
            @Option(
                            names = "--out",
                            defaultValue = ".",
                            paramLabel = "DIR",
                            description = "Where to write the three files (default: here).")
                    Path out,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        byte[] document = api.bytes("recoveries/" + id + "/report", true);
        byte[] signature = api.bytes("recoveries/" + id + "/report/signature", true);
        byte[] key = api.bytes("recoveries/signing-key", false);
        boolean valid = verifies(new String(key, StandardCharsets.US_ASCII), document, signature);
        Path reportFile = out.resolve("recovery-" + id + ".json");
        try {
            Files.createDirectories(out);
            Files.write(reportFile, document);
            Files.write(out.resolve("recovery-" + id + ".json.sig"), signature);
            Files.write(out.resolve("signing-key.pem"), key);
        } catch (IOException e) {
            throw new CliException("cannot write into " + out + ": " + e.getMessage());
        }
        JsonNode r;
        try {
            r = Api.JSON.readTree(document);
        } catch (IOException e) {
            throw new CliException("the report is not JSON: " + e.getMessage());
        }
        Table table = new Table("FIELD", "VALUE")
                .row("recovery", r.path("recoveryId").asText())
                .row("outcome", r.path("outcome").asText())
                .row("backup", r.path("backupId").asText())
                .row("target cluster", r.path("targetClusterId").asText())
                .row("region", r.path("region").asText("-"))
                .row(
                        "RTO",
                        r.path("rtoSeconds").isNumber()
                                ? String.format(
                                        Locale.ROOT,
                                        "%.1f s",
                                        r.path("rtoSeconds").asDouble())
                                : "-")
                .row("verified", r.path("verification").path("summary").asText("-"))
                .row("issued", r.path("issuedAt").asText())
                .row(
                        "signature",
                        (valid ? "valid" : "INVALID") + " (key "
                                + r.path("signingKeyId").asText() + ")")
                .row("written", reportFile + " (+ .sig, signing-key.pem)");
        output.print(r, table, io.out());
        if (!valid) {
            io.err().println("cairn drill report: the signature does not verify with the platform's key");
            return ExitStatus.FAILED;
        }
        return ExitStatus.OK;
    }

    /** Whether {@code signature} (DER ECDSA over SHA-256) of {@code document} verifies with the PEM public key. */
    static boolean verifies(String pem, byte[] document, byte[] signature) {
        try {
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(document);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
