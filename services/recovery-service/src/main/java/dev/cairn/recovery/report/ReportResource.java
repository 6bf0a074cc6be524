package dev.cairn.recovery.report;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.recovery.identity.CurrentCaller;
import dev.cairn.recovery.recovery.RecoveryStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An ended recovery's signed report and its detached signature. Another tenant's answers 404. */
@Path("/api/v1/recoveries/{recoveryId}/report")
@Tag(name = "Recoveries")
public class ReportResource {
    private final RecoveryStore store;
    private final CurrentCaller caller;

    public ReportResource(RecoveryStore store, CurrentCaller caller) {
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(
            summary = "The recovery's report (cairn.recovery-report.v1), exactly the bytes its signature covers",
            description = "409 `report-not-ready` until the recovery has ended.")
    public Response report(@PathParam("recoveryId") UUID id) {
        RecoveryStore.SignedReport r = signed(id);
        return Response.ok(r.document())
                .header("Content-Disposition", "attachment; filename=\"recovery-" + id + ".json\"")
                .header("Cairn-Signing-Key-Id", r.keyId())
                .build();
    }

    @GET
    @Path("/signature")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(
            summary = "The report's detached signature: DER ECDSA P-256 over SHA-256, checked with the published key",
            description = "`openssl dgst -sha256 -verify signing-key.pem -signature report.sig report.json`")
    public Response signature(@PathParam("recoveryId") UUID id) {
        RecoveryStore.SignedReport r = signed(id);
        return Response.ok(r.signature())
                .header("Content-Disposition", "attachment; filename=\"recovery-" + id + ".json.sig\"")
                .header("Cairn-Signing-Key-Id", r.keyId())
                .build();
    }

    private RecoveryStore.SignedReport signed(UUID id) {
        UUID tenant = caller.tenantId();
        return store.report(tenant, id).orElseThrow(() -> {
            if (store.find(tenant, id).isEmpty()) {
                return ProblemException.notFound("recovery " + id);
            }
            return new ProblemException(
                    409,
                    "report-not-ready",
                    "Report not ready",
                    "recovery " + id + " has not ended: its report is written when it does");
        });
    }
}
