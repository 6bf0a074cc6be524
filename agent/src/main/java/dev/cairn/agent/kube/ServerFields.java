package dev.cairn.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The fields the API server fills in, which a backup drops and a restore must not send. */
final class ServerFields {
    /** Metadata the server assigns; a restored object gets new ones. */
    static final List<String> METADATA = List.of(
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "managedFields",
            "selfLink");

    private ServerFields() {}

    /** Drops status and server-assigned metadata, in place. */
    static ObjectNode strip(ObjectNode object) {
        object.remove("status");
        JsonNode meta = object.path("metadata");
        if (meta instanceof ObjectNode m) {
            m.remove(METADATA);
            if (m.path("annotations").isObject() && m.path("annotations").isEmpty()) {
                m.remove("annotations");
            }
        }
        return object;
    }
}
