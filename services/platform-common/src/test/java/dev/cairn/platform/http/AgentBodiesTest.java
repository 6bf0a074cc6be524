package dev.cairn.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.cairn.api.agent.backup.StartBackup;
import org.junit.jupiter.api.Test;

class AgentBodiesTest {
    private final AgentBodies bodies =
            new AgentBodies(new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    /** A body of another kind: what a person or a partner posts. */
    record NewThing(String name) {}

    @Test
    void aNewerAgentsExtraFieldIsIgnoredWhileAPersonsMisspeltFieldIsRefused() throws Exception {
        StartBackup start = bodies.getContext(StartBackup.class)
                .readValue("{\"source\":\"local:/srv\",\"addedInAgent9\":true}", StartBackup.class);
        assertThat(start.source()).isEqualTo("local:/srv");

        assertThatThrownBy(() -> bodies.getContext(NewThing.class).readValue("{\"nmae\":\"x\"}", NewThing.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void onlyTheAgentContractsPackagesAreTolerant() {
        assertThat(AgentBodies.fromAgents(StartBackup.class)).isTrue();
        assertThat(AgentBodies.fromAgents(NewThing.class)).isFalse();
        assertThat(AgentBodies.fromAgents(String.class)).isFalse();
    }
}
