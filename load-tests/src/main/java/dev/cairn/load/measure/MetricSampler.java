package dev.cairn.load.measure;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads one of a service's own metrics (the sum of its samples with the given labels) every second while a load
 * runs, and keeps the highest: a JVM's heap in use ({@code jvm_memory_used_bytes}, {@code area="heap"}), say.
 */
public final class MetricSampler implements AutoCloseable {
    private final String url;
    private final String metric;
    private final String[] labels;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metric-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile double max = Double.NaN;

    /** Starts reading {@code metric} with {@code labels} from the exposition at {@code url}. */
    public MetricSampler(String url, String metric, String... labels) {
        this.url = url;
        this.metric = metric;
        this.labels = labels;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            double value = Prometheus.sum(Prometheus.scrape(url), metric, labels);
            max = Double.isNaN(max) ? value : Math.max(max, value);
        } catch (RuntimeException e) {
            // a service that does not answer a scrape has no sample this second; the load shows it
        }
    }

    /** The highest value read; NaN when none was. */
    public double max() {
        return max;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
