package dev.cairn.agent.log;

import java.io.PrintStream;
import java.time.Clock;

/**
 * The agent's log: one line per event, as text for a person at a terminal, or (with {@code CAIRN_LOG_FORMAT=json},
 * which the chart sets) as one JSON object per line with a timestamp, a level, the logger and the thread, for a
 * cluster's log collector.
 */
public final class AgentLog {
    /** How much a line matters. */
    public enum Level {
        /** What happens as it should: a command taken, ended. */
        INFO,
        /** Something failed and will be tried again (a heartbeat, a report). */
        WARN,
        /** Something failed for good. */
        ERROR
    }

    private final PrintStream out;
    private final String logger;
    private final boolean json;
    private final Clock clock;

    AgentLog(PrintStream out, String logger, boolean json, Clock clock) {
        this.out = out;
        this.logger = logger;
        this.json = json;
        this.clock = clock;
    }

    /** A log to {@code out} in the format {@code CAIRN_LOG_FORMAT} names ({@code json}, else text). */
    public static AgentLog to(PrintStream out, String logger) {
        return new AgentLog(out, logger, "json".equalsIgnoreCase(System.getenv("CAIRN_LOG_FORMAT")), Clock.systemUTC());
    }

    public void info(String message) {
        log(Level.INFO, message);
    }

    public void warn(String message) {
        log(Level.WARN, message);
    }

    public void error(String message) {
        log(Level.ERROR, message);
    }

    private void log(Level level, String message) {
        if (!json) {
            out.println(level == Level.INFO ? message : level.name().toLowerCase() + ": " + message);
            return;
        }
        out.println("{\"timestamp\":" + quoted(clock.instant().toString()) + ",\"level\":" + quoted(level.name())
                + ",\"logger\":" + quoted(logger) + ",\"thread\":"
                + quoted(Thread.currentThread().getName())
                + ",\"message\":" + quoted(message) + "}");
    }

    /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped. */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
