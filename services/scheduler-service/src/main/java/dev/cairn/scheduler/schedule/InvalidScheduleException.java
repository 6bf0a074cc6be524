package dev.cairn.scheduler.schedule;

/** A schedule that cannot be used: names the field at fault and what is wrong, for a 400 answer. */
public class InvalidScheduleException extends IllegalArgumentException {
    private final String field;

    public InvalidScheduleException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault, relative to the schedule ({@code cron}, {@code timeZone}, {@code interval}, ...). */
    public String field() {
        return field;
    }
}
