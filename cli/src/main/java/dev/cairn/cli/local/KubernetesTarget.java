package dev.cairn.cli.local;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --kubernetes[=URL]} option: run a local backup or restore against a cluster's API server. */
public final class KubernetesTarget {
    @Option(
            names = "--kubernetes",
            arity = "0..1",
            fallbackValue = "",
            paramLabel = "URL",
            description = "A cluster's Kubernetes objects instead of a directory: its API server, or without a value"
                    + " the cluster of your kubeconfig.")
    String url;

    /** Fails with a usage error unless exactly one of {@code --kubernetes} and the {@code name} argument is given. */
    public void requireEitherOr(Object argument, String name, CommandLine commandLine) {
        if ((argument == null) == (url == null)) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "give either " + name + " or --kubernetes[=URL], not " + (url == null ? "neither" : "both"));
        }
    }

    /** A client of the cluster at the URL, or of the one fabric8 finds (kubeconfig, in-cluster account). */
    public KubernetesClient client() {
        KubernetesClientBuilder builder = new KubernetesClientBuilder();
        if (!url.isEmpty()) {
            builder.withConfig(
                    new ConfigBuilder(Config.empty()).withMasterUrl(url).build());
        }
        return builder.build();
    }
}
