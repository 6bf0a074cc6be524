package dev.cairn.metering.usage;

import dev.cairn.platform.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A page of a usage history as asked: the granularity, and the periods [start, pageEnd) of the span [.., end).
 * {@code from} and {@code to} are rounded down to period starts ({@code to} excluded; defaults: the last day of hours,
 * month of days or year of months up to now); a {@code cursor} (the start of the next page) replaces {@code from}.
 *
 * @param granularity the periods' length
 * @param start the first period of the page
 * @param pageEnd the end of the page's last period
 * @param end the end of the whole span
 */
public record PeriodQuery(Granularity granularity, Instant start, Instant pageEnd, Instant end) {
    /** The most periods one page holds: a month of hours. */
    public static final int MAX_PERIODS = 744;

    /** Reads the query parameters; 400 naming the parameter that is wrong. */
    public static PeriodQuery parse(String granularity, String from, String to, String cursor, int limit) {
        Granularity g;
        try {
            g = Granularity.valueOf(granularity);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalidField("granularity", "one of hour, day, month");
        }
        if (limit < 1 || limit > MAX_PERIODS) {
            throw ProblemException.invalidField("limit", "between 1 and " + MAX_PERIODS);
        }
        Instant end;
        if (to == null) {
            end = g.next(g.floor(Instant.now()));
        } else {
            Instant t = instant("to", to);
            end = g.floor(t).equals(t) ? t : g.next(g.floor(t));
        }
        Instant start = g.floor(from == null ? g.defaultFrom(end) : instant("from", from));
        if (cursor != null && !cursor.isBlank()) {
            start = g.floor(instant("cursor", cursor));
        }
        Instant pageEnd = start;
        for (int i = 0; i < limit && pageEnd.isBefore(end); i++) {
            pageEnd = g.next(pageEnd);
        }
        return new PeriodQuery(g, start, pageEnd, end);
    }

    /** The cursor of the next page, or null on the last. */
    public String nextCursor() {
        return pageEnd.isBefore(end) ? pageEnd.toString() : null;
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "an instant such as 2026-12-01T00:00:00Z");
        }
    }
}
