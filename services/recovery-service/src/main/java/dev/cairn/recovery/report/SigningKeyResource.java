package dev.cairn.recovery.report;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's published report-signing key: anyone may check a report with it. */
@Path("/api/v1/recoveries/signing-key")
@Tag(name = "Recoveries")
public class SigningKeyResource {
    private final RecoveryReports reports;

    public SigningKeyResource(RecoveryReports reports) {
        this.reports = reports;
    }

    @GET
    @PermitAll
    @Produces("application/x-pem-file")
    @Operation(summary = "The public key recovery and drill reports are signed with (PEM, P-256); no sign-in needed")
    public Response key() {
        return Response.ok(reports.signer().publicKeyPem())
                .header("Cairn-Signing-Key-Id", reports.signer().keyId())
                .build();
    }
}
