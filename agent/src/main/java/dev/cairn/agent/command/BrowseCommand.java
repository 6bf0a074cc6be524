package dev.cairn.agent.command;

import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.restore.BrowseRun;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.api.agent.command.BrowseReport;
import dev.cairn.api.agent.command.BrowseSpec;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.api.agent.command.StatusReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A BROWSE command: a page of one directory of a backup's file tree, or one file decrypted here and sent to the
 * platform for the person who asked to download it (ADR 0021).
 */
public final class BrowseCommand {
    private final AgentRuntime runtime;
    private final BrowseRun browse;

    public BrowseCommand(AgentRuntime runtime) throws IOException {
        this.runtime = runtime;
        this.browse = new BrowseRun(runtime.credentials(), runtime.platform(), runtime.state());
    }

    /** Runs the command; the answer is the final report (phase, message, report), without progress. */
    public StatusReport run(UUID commandId, BrowseSpec spec, Progress progress) throws IOException {
        if (!spec.download()) {
            BrowseRun.Listing listing = browse.list(spec.backupId(), spec.path(), spec.after(), spec.pageSize());
            return new StatusReport(
                    CommandPhase.Completed,
                    null,
                    null,
                    null,
                    listing.entries().size() + " entries of " + (spec.path().isEmpty() ? "/" : spec.path())
                            + (listing.next() == null ? "" : " (more follow)"),
                    new BrowseReport(spec.path(), listing.entries(), listing.next(), null));
        }
        Path file = Files.createDirectories(runtime.state().resolve("work")).resolve("download-" + commandId);
        try {
            progress.stage("reading " + spec.path());
            BrowseRun.Download d =
                    browse.read(spec.backupId(), spec.path(), BrowseSpec.MAX_DOWNLOAD_BYTES, file, progress);
            progress.stage("sending " + spec.path());
            runtime.platform().sendCommandFile(commandId, file);
            return new StatusReport(
                    CommandPhase.Completed,
                    null,
                    null,
                    null,
                    "sent " + spec.path() + " (" + d.size() + " bytes)",
                    new BrowseReport(
                            spec.path(), List.of(), null, new BrowseReport.File(d.name(), d.size(), d.sha256())));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
