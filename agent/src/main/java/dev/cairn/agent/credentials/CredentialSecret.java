package dev.cairn.agent.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Keeps the agent's registration answer and private key in a Secret of its namespace, so that a restarted pod (its
 * folder is an emptyDir) does not need the one-time token again. The agent's role may read and update only this
 * Secret by name (and create Secrets, which Kubernetes cannot restrict by name).
 */
public final class CredentialSecret {
    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public CredentialSecret(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    /** Writes the Secret's files into {@code home}; false when there is no Secret yet. */
    public boolean restoreInto(Path home) throws IOException {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null
                || secret.getData() == null
                || !secret.getData().keySet().containsAll(CredentialFiles.ALL)) {
            return false;
        }
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (String f : CredentialFiles.ALL) {
            files.put(f, Base64.getDecoder().decode(secret.getData().get(f)));
        }
        CredentialFiles.write(home, files);
        return true;
    }

    /** Saves the files of {@code home} into the Secret, creating or replacing it. */
    public void save(Path home) throws IOException {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        for (String f : CredentialFiles.ALL) {
            data.put(f, Base64.getEncoder().encodeToString(Files.readAllBytes(home.resolve(f))));
        }
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", "cairn-agent")
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
        client.secrets().inNamespace(namespace).resource(secret).createOr(op -> op.update());
    }
}
