package dev.cairn.load.ingest;

import dev.cairn.agent.backup.BackupRun;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.agent.source.LocalDirectorySource;
import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.load.fixture.Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A fixture tenant's registered agent, backing folders up through the real data path (the agent's own code). */
final class AgentBackups {
    private final Fixture.Tenant tenant;
    private final AgentRuntime runtime;

    AgentBackups(Fixture.Tenant tenant, String entryPoint) {
        this.tenant = tenant;
        try {
            this.runtime = AgentRuntime.open(Path.of(tenant.agentHome()), entryPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Fixture.Tenant tenant() {
        return tenant;
    }

    /** Backs {@code dir} up and answers what the backup did; fails unless the platform says Completed. */
    BackupRun.Result backup(Path dir) {
        try (Progress progress = new Progress("backing up")) {
            BackupRun.Result r = runtime.backup(new LocalDirectorySource(dir), progress);
            if (r.phase() != BackupPhase.Completed) {
                throw new IllegalStateException(
                        tenant.email() + ": backup " + r.id() + " ended " + r.phase() + ": " + r.failure());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
