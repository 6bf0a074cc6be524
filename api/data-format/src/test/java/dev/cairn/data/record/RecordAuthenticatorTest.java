package dev.cairn.data.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.data.chunk.ChunkId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordAuthenticatorTest {
    private static final byte[] AGENT_KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        AGENT_KEY[0] = 1;
        OTHER_KEY[0] = 2;
    }

    private final UUID tenant = UUID.randomUUID();
    private final UUID agent = UUID.randomUUID();
    private final UUID backup = UUID.randomUUID();
    private final ChunkId id = ChunkId.of(new byte[32]);
    private final ChunkRecordV1 record = new ChunkRecordV1(tenant, agent, backup, id, new byte[] {1, 2, 3});

    @Test
    void aRecordVerifiesWithItsAgentsKey() {
        byte[] mac = RecordAuthenticator.mac(AGENT_KEY, record);
        assertThat(mac).hasSize(32);
        assertThat(RecordAuthenticator.verify(AGENT_KEY, record, mac)).isTrue();
    }

    @Test
    void anotherAgentsKeyDoesNotVerify() {
        byte[] mac = RecordAuthenticator.mac(OTHER_KEY, record);
        assertThat(RecordAuthenticator.verify(AGENT_KEY, record, mac)).isFalse();
    }

    @Test
    void claimingAnotherTenantAgentBackupChunkOrValueBreaksTheMac() {
        byte[] mac = RecordAuthenticator.mac(AGENT_KEY, record);
        byte[] otherId = new byte[32];
        otherId[31] = 9;
        for (ChunkRecordV1 forged : new ChunkRecordV1[] {
            new ChunkRecordV1(UUID.randomUUID(), agent, backup, id, record.envelope()),
            new ChunkRecordV1(tenant, UUID.randomUUID(), backup, id, record.envelope()),
            new ChunkRecordV1(tenant, agent, UUID.randomUUID(), id, record.envelope()),
            new ChunkRecordV1(tenant, agent, backup, ChunkId.of(otherId), record.envelope()),
            new ChunkRecordV1(tenant, agent, backup, id, new byte[] {1, 2, 4})
        }) {
            assertThat(RecordAuthenticator.verify(AGENT_KEY, forged, mac)).isFalse();
        }
    }

    @Test
    void aMissingMacDoesNotVerify() {
        assertThat(RecordAuthenticator.verify(AGENT_KEY, record, null)).isFalse();
        assertThat(RecordAuthenticator.verify(AGENT_KEY, record, new byte[5])).isFalse();
    }

    @Test
    void aBundleVerifiesWithItsAgentsKeyAndAnyChangedFieldOrByteBreaksItsMac() {
        byte[] value = new ChunkBundleV2(
                        tenant, agent, backup, java.util.List.of(new ChunkBundleV2.Chunk(id, new byte[] {1, 2, 3})))
                .encode();
        byte[] mac = RecordAuthenticator.mac(AGENT_KEY, tenant, agent, backup, value);
        assertThat(RecordAuthenticator.verify(AGENT_KEY, tenant, agent, backup, value, mac))
                .isTrue();
        assertThat(RecordAuthenticator.verify(OTHER_KEY, tenant, agent, backup, value, mac))
                .isFalse();
        assertThat(RecordAuthenticator.verify(AGENT_KEY, UUID.randomUUID(), agent, backup, value, mac))
                .isFalse();
        assertThat(RecordAuthenticator.verify(AGENT_KEY, tenant, UUID.randomUUID(), backup, value, mac))
                .isFalse();
        assertThat(RecordAuthenticator.verify(AGENT_KEY, tenant, agent, UUID.randomUUID(), value, mac))
                .isFalse();
        byte[] changed = value.clone();
        changed[changed.length - 1] ^= 1;
        assertThat(RecordAuthenticator.verify(AGENT_KEY, tenant, agent, backup, changed, mac))
                .isFalse();
        // a v1 record over the same bytes is another MAC (the label and version differ)
        assertThat(RecordAuthenticator.mac(AGENT_KEY, new ChunkRecordV1(tenant, agent, backup, id, value)))
                .isNotEqualTo(mac);
        assertThat(RecordAuthenticator.verify(AGENT_KEY, tenant, agent, backup, value, null))
                .isFalse();
    }
}
