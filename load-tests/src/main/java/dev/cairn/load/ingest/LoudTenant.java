package dev.cairn.load.ingest;

import dev.cairn.load.fixture.Fixture;
import dev.cairn.load.fixture.LocalPlatform;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The noisy-neighbour run's loud tenant in a JVM of its own ({@link NoisyNeighbours}, started under {@code nice}):
 * backs up {@code args[0]} MiB of new data after another until a line (or the end) on its standard input, then prints
 * {@link #BYTES} and the bytes it backed up.
 */
public final class LoudTenant {
    /** What the last line of its output begins with. */
    static final String BYTES = "loud bytes ";

    private LoudTenant() {}

    public static void main(String[] args) throws Exception {
        LocalPlatform platform = LocalPlatform.fromEnvironment();
        Fixture fixture = Fixture.load(platform.home());
        AtomicBoolean stop = new AtomicBoolean();
        Thread stdin = new Thread(() -> {
            try {
                System.in.read();
            } catch (java.io.IOException e) {
                // the parent went away: stop too
            }
            stop.set(true);
        });
        stdin.setDaemon(true);
        stdin.start();
        long bytes = NoisyNeighbours.loud(
                fixture, NoisyNeighbours.loudDir(NoisyNeighbours.work(platform)), Integer.parseInt(args[0]), stop::get);
        System.out.println(BYTES + bytes);
    }
}
