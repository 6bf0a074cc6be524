package dev.cairn.platform.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The bodies agents send (the contract's records in {@code dev.cairn.api.agent}) are read tolerantly: a field a newer
 * agent adds is ignored, so that agents can be upgraded before the platform. Every other body is read strictly
 * ({@code quarkus.jackson.fail-on-unknown-properties=true}): a person's or a partner's misspelt field is answered
 * {@code 400 malformed-body} rather than silently dropped. docs/protocol.md lists the tolerant endpoints.
 */
@Provider
public class AgentBodies implements ContextResolver<ObjectMapper> {
    /** The package of the agent contract's records. */
    static final String AGENT_CONTRACT = "dev.cairn.api.agent";

    private final ObjectMapper strict;
    private final ObjectMapper tolerant;

    public AgentBodies(ObjectMapper json) {
        this.strict = json;
        this.tolerant = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return fromAgents(type) ? tolerant : strict;
    }

    static boolean fromAgents(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.equals(AGENT_CONTRACT) || pkg.startsWith(AGENT_CONTRACT + ".");
    }
}
