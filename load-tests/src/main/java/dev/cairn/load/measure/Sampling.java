package dev.cairn.load.measure;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The samplers' clock: a daemon thread that runs a sample every second from {@code firstAfter} seconds on. */
final class Sampling {
    private Sampling() {}

    static ScheduledExecutorService everySecond(String name, Runnable sample, long firstAfter) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(sample, firstAfter, 1, TimeUnit.SECONDS);
        return timer;
    }
}
