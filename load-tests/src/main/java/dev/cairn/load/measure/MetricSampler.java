package dev.cairn.load.measure;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Reads one of a service's own metrics (the sum of its samples with the given labels) every second while a load
 * runs, and keeps the highest: a JVM's heap in use ({@code jvm_memory_used_bytes}, {@code area="heap"}), say.
 */
public final class MetricSampler implements AutoCloseable {
    private final String url;
    private final String metric;
    private final String[] labels;
    private final ScheduledExecutorService timer;
    private volatile double max = Double.NaN;

    /** Starts reading {@code metric} with {@code labels} from the exposition at {@code url}. */
    public MetricSampler(String url, String metric, String... labels) {
        this.url = url;
        this.metric = metric;
        this.labels = labels;
        timer = Sampling.everySecond("metric-sampler", this::sample, 0);
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
