package dev.cairn.metering.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The length of the periods of a usage history. Periods are in UTC; days and months are sums of their hours. */
public enum Granularity {
    /** One hour. */
    hour,
    /** One UTC day. */
    day,
    /** One UTC calendar month. */
    month;

    /** The start of the period that holds {@code t}. */
    public Instant floor(Instant t) {
        return switch (this) {
            case hour -> t.truncatedTo(ChronoUnit.HOURS);
            case day -> t.truncatedTo(ChronoUnit.DAYS);
            case month ->
                t.atOffset(ZoneOffset.UTC)
                        .withDayOfMonth(1)
                        .truncatedTo(ChronoUnit.DAYS)
                        .toInstant();
        };
    }

    /** The start of the period after the one that starts at {@code start}. */
    public Instant next(Instant start) {
        return switch (this) {
            case hour -> start.plus(Duration.ofHours(1));
            case day -> start.plus(Duration.ofDays(1));
            case month -> start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        };
    }

    /** The default span of a history asked without {@code from}: a day of hours, a month of days, a year of months. */
    public Instant defaultFrom(Instant to) {
        return switch (this) {
            case hour -> to.minus(Duration.ofHours(24));
            case day -> to.minus(Duration.ofDays(31));
            case month -> to.atOffset(ZoneOffset.UTC).minusMonths(12).toInstant();
        };
    }
}
