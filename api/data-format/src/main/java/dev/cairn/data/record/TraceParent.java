package dev.cairn.data.record;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The W3C trace context ({@code traceparent}) an agent sends with a backup's Kafka records and its HTTP requests about
 * that backup: the trace id is the backup's id (both are 128 bits), so that one search by a backup's id finds every
 * span and log line of it, on the agent and in the services; the parent span is the agent's run of the backup, whose
 * id is made from the backup's ({@link #backupSpanId}), so that everything the services do for one backup hangs under
 * one parent. Such a trace is sampled when the command that started the backup was (a tenant's request, a policy's
 * fire: the services' ratio decided there); a backup started without a command is not.
 */
public final class TraceParent {
    /** The header's name, in Kafka records and HTTP requests alike. */
    public static final String HEADER = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceParent() {}

    /** A {@code traceparent} of the backup's trace, not sampled. */
    public static String ofBackup(UUID backup) {
        return ofBackup(backup, false);
    }

    /** A {@code traceparent} of the backup's trace: the agent's run of it as the parent span, sampled or not. */
    public static String ofBackup(UUID backup, boolean sampled) {
        return of(traceId(backup), backupSpanId(backup), sampled ? "01" : "00");
    }

    /**
     * The span id of the agent's run of a backup, the parent of everything the services do for it: the two halves of
     * the backup's id XORed (never all zero, which W3C forbids).
     */
    public static String backupSpanId(UUID backup) {
        long id = backup.getMostSignificantBits() ^ backup.getLeastSignificantBits();
        return HexFormat.of().toHexDigits(id == 0 ? 1 : id);
    }

    /** Whether a {@code traceparent} says its trace is sampled (flag 01); false when it is not one. */
    public static boolean sampled(String traceparent) {
        return traceIdOf(traceparent).isPresent() && (HexFormat.fromHexDigits(traceparent, 53, 55) & 1) == 1;
    }

    private static String newSpanId() {
        byte[] span = new byte[8];
        do {
            RANDOM.nextBytes(span);
        } while (isZero(span));
        return HexFormat.of().formatHex(span);
    }

    /**
     * A {@code traceparent} in the same trace as {@code parent}, with a new span id and the parent's sampling flag; empty
     * when {@code parent} is not a {@code traceparent}.
     */
    public static Optional<String> childOf(String parent) {
        return traceIdOf(parent).map(trace -> of(trace, newSpanId(), parent.substring(53)));
    }

    /** A {@code traceparent} of version 00 from its parts (lower-case hex; {@code flags} two digits, 01: sampled). */
    public static String of(String traceId, String spanId, String flags) {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /** The trace id of a backup's trace: its id's 32 hex digits. */
    public static String traceId(UUID backup) {
        return backup.toString().replace("-", "");
    }

    /** The trace id a {@code traceparent} names; empty when it is not one (or names the all-zero ids W3C forbids). */
    public static Optional<String> traceIdOf(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(traceparent);
        if (!m.matches()
                || m.group(1).chars().allMatch(c -> c == '0')
                || m.group(2).chars().allMatch(c -> c == '0')) {
            return Optional.empty();
        }
        return Optional.of(m.group(1));
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
