package dev.cairn.recovery.orchestration;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The region a recovery restores from: the first of the tenant's regions (home, then DR) that answers and holds the
 * whole backup as recorded.
 *
 * @param region the chosen region; null when none can serve the restore now
 * @param reason why this region, or why none
 * @param mayPass when none: whether a region that did not answer may yet (worth waiting for)
 */
public record SourceChoice(String region, String reason, boolean mayPass) {

    /** Chooses among the regions, given home first. */
    public static SourceChoice choose(List<Sources.RegionState> regions) {
        for (int i = 0; i < regions.size(); i++) {
            Sources.RegionState r = regions.get(i);
            if (r.whole()) {
                String why = r.role() + " region " + r.region() + " holds the whole backup (" + r.objects()
                        + " objects, " + r.bytes() + " bytes)";
                if (i > 0) {
                    why += "; "
                            + regions.subList(0, i).stream()
                                    .map(SourceChoice::lack)
                                    .collect(Collectors.joining("; "));
                }
                return new SourceChoice(r.region(), why, false);
            }
        }
        boolean silent = regions.stream().anyMatch(r -> !r.answers());
        return new SourceChoice(
                null,
                "no region holds the whole backup: "
                        + regions.stream().map(SourceChoice::lack).collect(Collectors.joining("; ")),
                silent);
    }

    private static String lack(Sources.RegionState r) {
        if (!r.answers()) {
            return r.role() + " region " + r.region() + " does not answer";
        }
        return r.role() + " region " + r.region() + " lacks " + (r.objects() - r.present()) + " of " + r.objects()
                + " objects"
                + (r.problems().isEmpty() ? "" : " (" + r.problems().get(0) + ")");
    }
}
