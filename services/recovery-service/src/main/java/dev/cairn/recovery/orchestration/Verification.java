package dev.cairn.recovery.orchestration;

import dev.cairn.api.agent.Outcome;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.recovery.recovery.RecoveryPhase;
import java.util.ArrayList;
import java.util.List;

/**
 * What Verifying found: the agent's report checked against the backup (every object of the backup created, updated
 * or left as it was, none failed; every claim's data restored), and a sample of the backup's chunks re-read from the
 * region the restore used.
 *
 * @param objects the backup's objects the agent applied: created + updated + skipped + failed
 * @param volumesRestored claims whose data was restored
 * @param volumesFailed claims whose data failed
 * @param chunksSampled chunks re-read from {@code region}
 * @param chunksPassed those that were whole
 * @param problems what failed, one line each
 */
public record Verification(
        RecoveryPhase phase,
        String summary,
        String region,
        int objects,
        int created,
        int updated,
        int skipped,
        int failed,
        int volumesRestored,
        int volumesFailed,
        int chunksSampled,
        int chunksPassed,
        long bytesReread,
        List<String> problems) {

    /** The verdict on a restore (a drill's, when {@code drill}) that ended Completed or PartiallyFailed. */
    public static Verification of(RestoreReport report, Sources.Sample sample, boolean drill) {
        List<String> problems = new ArrayList<>();
        List<String> left = drill
                ? report.items().stream()
                        .filter(i -> i.action() == RestoreReport.Action.CREATE
                                && i.type().equals("namespaces"))
                        .map(RestoreReport.Item::name)
                        .filter(n -> !report.removedNamespaces().contains(n))
                        .toList()
                : List.of();
        left.forEach(n -> problems.add("scratch namespace " + n + " was not removed"));
        int restored = 0;
        int volumesFailed = 0;
        for (RestoreReport.VolumeRestore v :
                report.volumes() == null ? List.<RestoreReport.VolumeRestore>of() : report.volumes()) {
            if ("Completed".equals(v.state())) {
                restored++;
            } else if ("Failed".equals(v.state())) {
                volumesFailed++;
                problems.add("volume " + v.namespace() + "/" + v.claim() + ": " + v.message());
            }
        }
        if (report.failed() > 0) {
            problems.add(report.failed() + " objects were refused by the target cluster (the report lists them)");
        }
        problems.addAll(sample.problems());
        int objects = report.created() + report.updated() + report.skipped() + report.failed();
        boolean whole = report.phase() == Outcome.Completed
                && report.failed() == 0
                && volumesFailed == 0
                && left.isEmpty()
                && sample.passed() == sample.sampled();
        String summary = objects + " objects of the backup applied (" + report.created() + " created, "
                + report.updated() + " updated, " + report.skipped() + " left as they were, " + report.failed()
                + " failed), " + restored + " volumes restored"
                + (volumesFailed > 0 ? ", " + volumesFailed + " failed" : "") + "; " + sample.passed() + " of "
                + sample.sampled() + " sampled chunks re-read"
                + " whole from " + sample.region()
                + (drill ? "; " + report.removedNamespaces().size() + " scratch namespaces removed" : "");
        return new Verification(
                whole ? RecoveryPhase.Completed : RecoveryPhase.PartiallyFailed,
                summary,
                sample.region(),
                objects,
                report.created(),
                report.updated(),
                report.skipped(),
                report.failed(),
                restored,
                volumesFailed,
                sample.sampled(),
                sample.passed(),
                sample.bytes(),
                List.copyOf(problems));
    }
}
