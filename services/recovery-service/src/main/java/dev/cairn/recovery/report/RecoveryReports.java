package dev.cairn.recovery.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.recovery.RecoveryConfig;
import dev.cairn.recovery.recovery.Recovery;
import dev.cairn.recovery.recovery.RecoveryStore;
import dev.cairn.recovery.recovery.Transition;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes the signed report of each ended recovery, once: what was restored (backup, target, mappings), from which
 * region and why, what the verification found, every transition, and the RTO, as a JSON document
 * ({@code cairn.recovery-report.v1}) signed with the platform's key.
 */
@ApplicationScoped
@Startup // a missing key in production stops the start, not the first report
public class RecoveryReports {
    /** The report document's format. */
    public static final String FORMAT = "cairn.recovery-report.v1";

    private static final Logger LOG = Logger.getLogger(RecoveryReports.class);

    private final RecoveryStore store;
    private final ReportSigner signer;
    private final ObjectMapper json;

    public RecoveryReports(RecoveryStore store, RecoveryConfig config, ObjectMapper json) {
        this.store = store;
        this.signer = ReportSigner.fromFile(config.signingKeyFile(), config.generateSigningKey());
        this.json = json.copy()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The key reports are signed with. */
    public ReportSigner signer() {
        return signer;
    }

    /** Writes the reports of ended recoveries that have none yet (a crash between the end and its report included). */
    public void sealEnded(int limit) {
        for (UUID id : store.unsealed(limit)) {
            try {
                seal(id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "recovery %s: its report could not be written", id);
            }
        }
    }

    /** Writes one ended recovery's report (nothing when it has one). */
    public void seal(UUID id) {
        Recovery r = store.find(id).orElseThrow();
        byte[] document = document(r, store.transitions(id), Instant.now());
        store.seal(id, new RecoveryStore.SignedReport(document, signer.sign(document), signer.keyId()));
    }

    /** The report document of an ended recovery. */
    byte[] document(Recovery r, List<Transition> transitions, Instant issuedAt) {
        ObjectNode d = json.createObjectNode();
        d.put("format", FORMAT);
        d.put("recoveryId", r.id().toString());
        d.put("tenantId", r.tenantId().toString());
        d.put("drill", r.drill());
        d.put("outcome", r.phase().name());
        d.put("reason", r.reason());
        d.put("requestedBy", r.requestedBy());
        d.put("backupId", r.backupId().toString());
        d.put("selector", r.selector());
        d.put("targetClusterId", r.targetClusterId().toString());
        d.set("restore", r.spec());
        d.put("region", r.region());
        d.set("regions", r.regions());
        d.put("commandId", r.commandId() == null ? null : r.commandId().toString());
        d.set("restoreReport", summary(r));
        d.set("verification", r.verification());
        d.put("requestedAt", r.createdAt().toString());
        d.put("finishedAt", r.finishedAt().toString());
        d.put("rtoSeconds", r.rtoSeconds());
        d.set("transitions", json.valueToTree(transitions));
        d.put("issuedAt", issuedAt.toString());
        d.put("signingKeyId", signer.keyId());
        try {
            return (json.writeValueAsString(d) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report does not serialize", e);
        }
    }

    /** The agent's report without its item list (the counts and the volumes say what was done). */
    private ObjectNode summary(Recovery r) {
        if (r.report() == null || !r.report().isObject()) {
            return null;
        }
        ObjectNode s = ((ObjectNode) r.report()).deepCopy();
        s.remove("items");
        return s;
    }
}
