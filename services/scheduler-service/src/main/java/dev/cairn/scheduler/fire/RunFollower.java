package dev.cairn.scheduler.fire;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Brings unfinished runs up to date from their commands, on one instance at a time (a clustered Quartz job). */
@ApplicationScoped
public class RunFollower {
    private final Runs runs;

    public RunFollower(Runs runs) {
        this.runs = runs;
    }

    @Scheduled(
            identity = "follow-runs",
            every = "${cairn.scheduler.follow-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void follow() {
        runs.follow();
    }
}
