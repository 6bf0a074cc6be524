package dev.cairn.agent.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;

/**
 * The agent's log: one line per event, as text for a person at a terminal, or (with {@code CAIRN_LOG_FORMAT=json},
 * which the chart sets) as one JSON object per line with a timestamp, a level, the logger and the thread, for a
 * cluster's log collector.
 */
public final class AgentLog {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        ObjectNode line = JSON.createObjectNode()
                .put("timestamp", clock.instant().toString())
                .put("level", level.name())
                .put("logger", logger)
                .put("thread", Thread.currentThread().getName())
                .put("message", message);
        out.println(line.toString());
    }
}
