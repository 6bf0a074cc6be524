package dev.cairn.load.measure;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of samples by the nearest-rank method (the sample at rank ⌈p/100 × n⌉), as Gatling reports
 * its own: p99 of 100 samples is the 99th smallest, not an interpolation.
 */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(Collection<Double> samples) {
        this.sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** How many samples there are. */
    public int count() {
        return sorted.length;
    }

    /** The {@code p}th percentile (0 < p ≤ 100); NaN when there are no samples. */
    public double at(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100]: " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The largest sample; NaN when there are none. */
    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** "n=…, p50 …, p90 …, p99 …, max …" with {@code unit} after each figure. */
    public String summary(String unit) {
        return "n=%d, p50 %.2f%s, p90 %.2f%s, p99 %.2f%s, max %.2f%s"
                .formatted(count(), at(50), unit, at(90), unit, at(99), unit, max(), unit);
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }
}
