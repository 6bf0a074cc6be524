package dev.cairn.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.data.chunk.ChunkKeys;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.record.ChunkBundleV2;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.PackReferenceV3;
import dev.cairn.data.record.RecordAuthenticator;
import dev.cairn.ingest.agent.AgentIdentity;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordCheckTest {
    private static final UUID TENANT_A = UUID.randomUUID();
    private static final UUID TENANT_B = UUID.randomUUID();
    private static final UUID AGENT_A = UUID.randomUUID();
    private static final UUID AGENT_B = UUID.randomUUID();
    private static final UUID REVOKED = UUID.randomUUID();
    private static final UUID BACKUP = UUID.randomUUID();
    private static final byte[] MAC_A = key(1);
    private static final byte[] MAC_B = key(2);

    private final Map<UUID, AgentIdentity> agents = Map.of(
            AGENT_A, new AgentIdentity(AGENT_A, TENANT_A, true, Optional.of(MAC_A), "eu-west-1"),
            AGENT_B, new AgentIdentity(AGENT_B, TENANT_B, true, Optional.of(MAC_B), "us-east-1"),
            REVOKED, new AgentIdentity(REVOKED, TENANT_A, false, Optional.empty(), "eu-west-1"));
    private final RecordCheck check = new RecordCheck(id -> Optional.ofNullable(agents.get(id)));
    private final SealedChunk chunk = new ChunkSealer(new ChunkKeys(TENANT_A, key(3), key(4)))
            .seal("some data".getBytes(StandardCharsets.UTF_8), 0, 9);

    @Test
    void aRecordOfAnActiveAgentOfItsTenantWithItsMacIsAcceptedForTheHomeRegion() {
        Verdict verdict = check.check(chunk.id().bytes(), headers(TENANT_A, AGENT_A, MAC_A), chunk.envelope());
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Accepted.class, accepted -> {
            assertThat(accepted.homeRegion()).isEqualTo("eu-west-1");
            assertThat(accepted.tenantId()).isEqualTo(TENANT_A);
            assertThat(accepted.chunks()).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(chunk.id());
                assertThat(c.envelope()).isEqualTo(chunk.envelope());
            });
        });
    }

    @Test
    void anotherAgentsKeyAnotherTenantOrAChangedValueIsRejectedWithItsReason() {
        assertThat(reason(check.check(chunk.id().bytes(), headers(TENANT_A, AGENT_A, MAC_B), chunk.envelope())))
                .contains("MAC does not verify");
        // agent B (tenant B) claiming tenant A, with a MAC made with its own key
        assertThat(reason(check.check(chunk.id().bytes(), headers(TENANT_A, AGENT_B, MAC_B), chunk.envelope())))
                .contains("does not belong to tenant");
        byte[] changed = chunk.envelope().clone();
        changed[changed.length - 1] ^= 1;
        assertThat(reason(check.check(chunk.id().bytes(), headers(TENANT_A, AGENT_A, MAC_A), changed)))
                .contains("MAC does not verify");
    }

    @Test
    void unknownAndRevokedAgentsAreRejected() {
        assertThat(reason(
                        check.check(chunk.id().bytes(), headers(TENANT_A, UUID.randomUUID(), MAC_A), chunk.envelope())))
                .contains("unknown agent");
        assertThat(reason(check.check(chunk.id().bytes(), headers(TENANT_A, REVOKED, MAC_A), chunk.envelope())))
                .contains("revoked");
    }

    @Test
    void malformedRecordsAreRejectedNeverThrown() {
        Map<String, byte[]> good = headers(TENANT_A, AGENT_A, MAC_A);
        Map<String, byte[]> noVersion = new HashMap<>(good);
        noVersion.remove(ChunkRecordV1.H_VERSION);
        assertThat(reason(check.check(chunk.id().bytes(), noVersion, chunk.envelope())))
                .contains("version");
        assertThat(reason(check.check(new byte[5], good, chunk.envelope()))).contains("32-byte chunk id");
        assertThat(reason(check.check(null, good, chunk.envelope()))).contains("32-byte chunk id");
        assertThat(reason(check.check(chunk.id().bytes(), good, "garbage".getBytes(StandardCharsets.UTF_8))))
                .contains("not a chunk envelope");
        assertThat(reason(check.check(chunk.id().bytes(), good, null))).contains("not a chunk envelope");
        Map<String, byte[]> badTenant = new HashMap<>(good);
        badTenant.put(ChunkRecordV1.H_TENANT, "not-a-uuid".getBytes(StandardCharsets.UTF_8));
        assertThat(reason(check.check(chunk.id().bytes(), badTenant, chunk.envelope())))
                .contains("malformed");
    }

    @Test
    void aBundleOfAnActiveAgentWithItsMacIsAcceptedWholeInItsOrder() {
        SealedChunk other = sealer.seal("other data".getBytes(StandardCharsets.UTF_8), 0, 10);
        byte[] value = bundle(chunk, other);
        Verdict verdict = check.check(null, bundleHeaders(TENANT_A, AGENT_A, MAC_A, value), value);
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Accepted.class, accepted -> {
            assertThat(accepted.tenantId()).isEqualTo(TENANT_A);
            assertThat(accepted.homeRegion()).isEqualTo("eu-west-1");
            assertThat(accepted.chunks()).extracting(ChunkBundleV2.Chunk::id).containsExactly(chunk.id(), other.id());
        });
    }

    @Test
    void aBundleItsMacDoesNotVouchForIsRejectedWhole() {
        byte[] value = bundle(chunk, sealer.seal("other data".getBytes(StandardCharsets.UTF_8), 0, 10));
        // another agent's key, another tenant claimed, one byte of one envelope changed, one chunk id swapped
        assertThat(reason(check.check(null, bundleHeaders(TENANT_A, AGENT_A, MAC_B, value), value)))
                .contains("MAC does not verify");
        assertThat(reason(check.check(null, bundleHeaders(TENANT_A, AGENT_B, MAC_B, value), value)))
                .contains("does not belong to tenant");
        Map<String, byte[]> headers = bundleHeaders(TENANT_A, AGENT_A, MAC_A, value);
        byte[] changed = value.clone();
        changed[changed.length - 1] ^= 1;
        assertThat(reason(check.check(null, headers, changed))).contains("MAC does not verify");
        byte[] swapped = value.clone();
        swapped[7] ^= 1; // the first chunk id
        assertThat(reason(check.check(null, headers, swapped))).contains("MAC does not verify");
        // a v1 MAC over the same value does not make it a bundle
        Map<String, byte[]> v1Mac = new HashMap<>(headers);
        v1Mac.put(
                ChunkRecordV1.H_MAC,
                RecordAuthenticator.mac(MAC_A, new ChunkRecordV1(TENANT_A, AGENT_A, BACKUP, chunk.id(), value)));
        assertThat(reason(check.check(null, v1Mac, value))).contains("MAC does not verify");
    }

    @Test
    void aVouchedBundleThatIsMalformedOrCarriesSomethingElseThanEnvelopesIsRejected() {
        byte[] notEnvelopes = new ChunkBundleV2(
                        TENANT_A, AGENT_A, BACKUP, List.of(new ChunkBundleV2.Chunk(chunk.id(), new byte[] {1, 2, 3})))
                .encode();
        assertThat(reason(check.check(null, bundleHeaders(TENANT_A, AGENT_A, MAC_A, notEnvelopes), notEnvelopes)))
                .contains("not a chunk envelope");
        byte[] truncated = java.util.Arrays.copyOf(bundle(chunk), 20);
        assertThat(reason(check.check(null, bundleHeaders(TENANT_A, AGENT_A, MAC_A, truncated), truncated)))
                .contains("bundle");
    }

    @Test
    void aPackReferenceItsMacVouchesForIsAcceptedAsAnUploadAndAnyOtherIsRejected() {
        byte[] value = new PackReferenceV3(
                        UUID.randomUUID(),
                        chunk.envelope().length,
                        new byte[16],
                        List.of(new PackReferenceV3.Entry(chunk.id(), chunk.envelope().length)))
                .encode();
        Verdict verdict = check.check(null, referenceHeaders(TENANT_A, AGENT_A, MAC_A, value), value);
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Uploaded.class, uploaded -> {
            assertThat(uploaded.tenantId()).isEqualTo(TENANT_A);
            assertThat(uploaded.agentId()).isEqualTo(AGENT_A);
            assertThat(uploaded.backupId()).isEqualTo(BACKUP);
            assertThat(uploaded.homeRegion()).isEqualTo("eu-west-1");
            assertThat(uploaded.pack().chunks())
                    .extracting(PackReferenceV3.Entry::id)
                    .containsExactly(chunk.id());
        });
        // another key, another tenant, a changed size or MD5 (the MAC vouches for the object through them)
        assertThat(reason(check.check(null, referenceHeaders(TENANT_A, AGENT_A, MAC_B, value), value)))
                .contains("MAC does not verify");
        assertThat(reason(check.check(null, referenceHeaders(TENANT_A, AGENT_B, MAC_B, value), value)))
                .contains("does not belong to tenant");
        byte[] otherMd5 = value.clone();
        otherMd5[3 + 16 + 8] ^= 1;
        assertThat(reason(check.check(null, referenceHeaders(TENANT_A, AGENT_A, MAC_A, value), otherMd5)))
                .contains("MAC does not verify");
        // a bundle's MAC over the same bytes does not make them a pack reference
        Map<String, byte[]> bundleMac = bundleHeaders(TENANT_A, AGENT_A, MAC_A, value);
        bundleMac.put(ChunkRecordV1.H_VERSION, PackReferenceV3.VERSION.getBytes(StandardCharsets.UTF_8));
        assertThat(reason(check.check(null, bundleMac, value))).contains("MAC does not verify");
        byte[] truncated = java.util.Arrays.copyOf(value, value.length - 3);
        assertThat(reason(check.check(null, referenceHeaders(TENANT_A, AGENT_A, MAC_A, truncated), truncated)))
                .contains("pack reference");
    }

    private static Map<String, byte[]> referenceHeaders(UUID tenant, UUID agent, byte[] macKey, byte[] value) {
        Map<String, byte[]> headers = bundleHeaders(tenant, agent, macKey, value);
        headers.put(ChunkRecordV1.H_VERSION, PackReferenceV3.VERSION.getBytes(StandardCharsets.UTF_8));
        headers.put(ChunkRecordV1.H_MAC, RecordAuthenticator.macPackReference(macKey, tenant, agent, BACKUP, value));
        return headers;
    }

    private final ChunkSealer sealer = new ChunkSealer(new ChunkKeys(TENANT_A, key(3), key(4)));

    private static byte[] bundle(SealedChunk... chunks) {
        List<ChunkBundleV2.Chunk> entries = new java.util.ArrayList<>();
        for (SealedChunk c : chunks) {
            entries.add(new ChunkBundleV2.Chunk(c.id(), c.envelope()));
        }
        return new ChunkBundleV2(TENANT_A, AGENT_A, BACKUP, entries).encode();
    }

    private static Map<String, byte[]> bundleHeaders(UUID tenant, UUID agent, byte[] macKey, byte[] value) {
        Map<String, byte[]> headers = new HashMap<>();
        headers.put(ChunkRecordV1.H_VERSION, ChunkBundleV2.VERSION.getBytes(StandardCharsets.UTF_8));
        headers.put(ChunkRecordV1.H_TENANT, tenant.toString().getBytes(StandardCharsets.UTF_8));
        headers.put(ChunkRecordV1.H_AGENT, agent.toString().getBytes(StandardCharsets.UTF_8));
        headers.put(ChunkRecordV1.H_BACKUP, BACKUP.toString().getBytes(StandardCharsets.UTF_8));
        headers.put(ChunkRecordV1.H_MAC, RecordAuthenticator.mac(macKey, tenant, agent, BACKUP, value));
        return headers;
    }

    private Map<String, byte[]> headers(UUID tenant, UUID agent, byte[] macKey) {
        Map<String, byte[]> headers = new HashMap<>();
        headers.put(ChunkRecordV1.H_VERSION, ChunkRecordV1.VERSION.getBytes(StandardCharsets.UTF_8));
        headers.put(ChunkRecordV1.H_TENANT, tenant.toString().getBytes(StandardCharsets.UTF_8));
        headers.put(ChunkRecordV1.H_AGENT, agent.toString().getBytes(StandardCharsets.UTF_8));
        headers.put(ChunkRecordV1.H_BACKUP, BACKUP.toString().getBytes(StandardCharsets.UTF_8));
        headers.put(
                ChunkRecordV1.H_MAC,
                RecordAuthenticator.mac(
                        macKey, new ChunkRecordV1(tenant, agent, BACKUP, chunk.id(), chunk.envelope())));
        return headers;
    }

    private static String reason(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        return ((Verdict.Rejected) verdict).reason();
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return key;
    }
}
