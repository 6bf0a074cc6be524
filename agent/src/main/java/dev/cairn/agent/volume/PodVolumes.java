package dev.cairn.agent.volume;

import dev.cairn.agent.kube.Selection;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Finds the data folders of the pod volumes on one node, as the kubelet lays them out under
 * {@code /var/lib/kubelet/pods/<pod uid>/volumes/<plugin>/<name>} (CSI volumes keep their data in {@code mount/}
 * below a folder named after the PersistentVolume). Which volumes: every volume backed by a claim, plus those the pod
 * names in annotation {@value #INCLUDE} (an emptyDir, say), minus those it names in {@value #EXCLUDE}, like Velero's
 * {@code backup.velero.io/backup-volumes} and {@code -excludes}. Secrets, ConfigMaps, projected and downward-API
 * volumes are never taken: they are API objects, backed up as such.
 */
public final class PodVolumes {
    /** Pod annotation: comma list of volume names to back up besides the claims. */
    public static final String INCLUDE = "backup.cairn.dev/volumes";
    /** Pod annotation: comma list of volume names never to back up. */
    public static final String EXCLUDE = "backup.cairn.dev/volumes-excludes";

    /**
     * One volume to back up.
     *
     * @param claim the PersistentVolumeClaim's name, or null for a pod-scoped volume (emptyDir)
     * @param path its data folder on this node
     */
    public record PodVolume(String namespace, String pod, String podUid, String volume, String claim, Path path) {

        /** How a backup names it: by claim when it has one (the file cache follows the claim across pods). */
        public String source(String cluster) {
            return "volume:" + cluster + "/" + namespace + "/" + (claim != null ? "pvc/" + claim : pod + "/" + volume);
        }
    }

    private PodVolumes() {}

    /**
     * A volume a backup wants, wherever its pod runs.
     *
     * @param node the node the pod runs on
     * @param claim its PersistentVolumeClaim, or null
     * @param persistentVolume the volume its claim is bound to, or null
     */
    public record Wanted(
            String namespace,
            String pod,
            String podUid,
            String node,
            String volume,
            String claim,
            String persistentVolume) {}

    /** The volumes of the running pods in the selected namespaces that a backup takes, on every node. */
    public static List<Wanted> wanted(KubernetesClient client, Selection selection) {
        List<Wanted> wanted = new ArrayList<>();
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            String ns = pod.getMetadata().getNamespace();
            if (pod.getSpec() == null
                    || pod.getSpec().getNodeName() == null
                    || !selection.namespace(ns)
                    || pod.getStatus() == null
                    || !"Running".equals(pod.getStatus().getPhase())) {
                continue;
            }
            Map<String, String> annotations = pod.getMetadata().getAnnotations() == null
                    ? Map.of()
                    : pod.getMetadata().getAnnotations();
            Set<String> include = names(annotations.get(INCLUDE));
            Set<String> exclude = names(annotations.get(EXCLUDE));
            for (Volume v : pod.getSpec().getVolumes()) {
                boolean claim = v.getPersistentVolumeClaim() != null;
                boolean taken = (claim || (include.contains(v.getName()) && v.getEmptyDir() != null))
                        && !exclude.contains(v.getName());
                if (!taken) {
                    continue;
                }
                String claimName = claim ? v.getPersistentVolumeClaim().getClaimName() : null;
                String pvName = null;
                if (claim) {
                    PersistentVolumeClaim pvc = client.persistentVolumeClaims()
                            .inNamespace(ns)
                            .withName(claimName)
                            .get();
                    pvName = pvc == null || pvc.getSpec() == null
                            ? null
                            : pvc.getSpec().getVolumeName();
                }
                wanted.add(new Wanted(
                        ns,
                        pod.getMetadata().getName(),
                        pod.getMetadata().getUid(),
                        pod.getSpec().getNodeName(),
                        v.getName(),
                        claimName,
                        pvName));
            }
        }
        return wanted;
    }

    /**
     * The volumes of the running pods on {@code node} in the selected namespaces, with their folders; a volume whose
     * folder is not where the kubelet keeps it (a hostPath-backed volume, say) is reported to {@code warning} and
     * left out.
     */
    public static List<PodVolume> onNode(
            KubernetesClient client,
            String node,
            Path kubeletPods,
            Selection selection,
            BiConsumer<String, String> warning) {
        List<PodVolume> found = new ArrayList<>();
        for (Wanted w : wanted(client, selection)) {
            if (!node.equals(w.node())) {
                continue;
            }
            Path folder = locate(kubeletPods, w);
            if (folder == null) {
                warning.accept(w.namespace() + "/" + w.pod() + " volume " + w.volume(), NO_FOLDER);
                continue;
            }
            found.add(new PodVolume(w.namespace(), w.pod(), w.podUid(), w.volume(), w.claim(), folder));
        }
        return found;
    }

    /** Why a wanted volume was left out. */
    public static final String NO_FOLDER = "no folder for it under the kubelet's pods folder (a hostPath-backed"
            + " volume is not reachable there): its data is not in this backup";

    /** The data folder of a wanted volume on this node, or null. */
    public static Path locate(Path kubeletPods, Wanted w) {
        return folder(kubeletPods.resolve(w.podUid()).resolve("volumes"), w.volume(), w.persistentVolume());
    }

    /** {@code volumes/<plugin>/<name>}, where name is the pod's volume name or the PV's; CSI data is in mount/. */
    static Path folder(Path volumes, String volumeName, String pvName) {
        if (!Files.isDirectory(volumes, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (DirectoryStream<Path> plugins = Files.newDirectoryStream(volumes)) {
            for (Path plugin : plugins) {
                for (String name : pvName == null ? List.of(volumeName) : List.of(pvName, volumeName)) {
                    Path candidate = plugin.resolve(name);
                    if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
                        boolean csi = plugin.getFileName().toString().equals("kubernetes.io~csi");
                        Path data = csi ? candidate.resolve("mount") : candidate;
                        return Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS) ? data : null;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static Set<String> names(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Set.copyOf(Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList());
    }
}
