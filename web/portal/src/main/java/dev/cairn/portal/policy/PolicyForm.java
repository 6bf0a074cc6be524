package dev.cairn.portal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy as the form holds it (text fields), and the API's body made from it: namespaces are written separated by
 * commas or spaces, a schedule is a cron in a time zone or an interval, empty retention fields keep no rule, an empty
 * immutability period makes backups that are not immutable.
 */
public record PolicyForm(
        String name,
        String clusterId,
        String namespaces,
        boolean volumes,
        String scheduleKind,
        String cron,
        String timeZone,
        String interval,
        String keepLast,
        String keepDaily,
        String keepWeekly,
        String keepMonthly,
        String maxAge,
        String immutableFor) {

    /** The form of a new policy: daily at 02:00 UTC, the last 7 daily backups. */
    public static PolicyForm blank() {
        return new PolicyForm("", "", "", true, "cron", "0 2 * * *", "UTC", "", "", "7", "", "", "", "");
    }

    /** The form of an existing policy, as the API answers it. */
    public static PolicyForm of(JsonNode p) {
        JsonNode backup = p.path("backup");
        JsonNode schedule = p.path("schedule");
        JsonNode retention = p.path("retention");
        List<String> namespaces = backup.path("includeNamespaces").isArray()
                ? java.util.stream.StreamSupport.stream(
                                backup.path("includeNamespaces").spliterator(), false)
                        .map(JsonNode::asText)
                        .toList()
                : List.of();
        return new PolicyForm(
                p.path("name").asText(),
                p.path("clusterId").asText(),
                String.join(", ", namespaces),
                backup.path("volumes").asBoolean(false),
                schedule.path("interval").isTextual() ? "interval" : "cron",
                schedule.path("cron").asText(""),
                schedule.path("timeZone").asText("UTC"),
                schedule.path("interval").asText(""),
                text(retention.path("keepLast")),
                text(retention.path("keepDaily")),
                text(retention.path("keepWeekly")),
                text(retention.path("keepMonthly")),
                retention.path("maxAge").asText(""),
                p.path("immutability").path("period").asText(""));
    }

    private static String text(JsonNode n) {
        return n.isNumber() ? n.asText() : "";
    }

    /** The API's body ({@code NewPolicy}); a number field that is not one is sent as written, for the API to refuse. */
    public Map<String, Object> body(boolean paused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("clusterId", clusterId == null || clusterId.isBlank() ? null : clusterId);
        Map<String, Object> backup = new LinkedHashMap<>();
        List<String> list = Arrays.stream((namespaces == null ? "" : namespaces).split("[,\\s]+"))
                .filter(s -> !s.isBlank())
                .toList();
        if (!list.isEmpty()) {
            backup.put("includeNamespaces", list);
        }
        backup.put("volumes", volumes);
        body.put("backup", backup);
        Map<String, Object> schedule = new LinkedHashMap<>();
        if ("interval".equals(scheduleKind)) {
            schedule.put("interval", interval);
        } else {
            schedule.put("cron", cron);
            schedule.put("timeZone", timeZone == null || timeZone.isBlank() ? null : timeZone);
        }
        body.put("schedule", schedule);
        Map<String, Object> retention = new LinkedHashMap<>();
        put(retention, "keepLast", keepLast);
        put(retention, "keepDaily", keepDaily);
        put(retention, "keepWeekly", keepWeekly);
        put(retention, "keepMonthly", keepMonthly);
        if (maxAge != null && !maxAge.isBlank()) {
            retention.put("maxAge", maxAge.trim());
        }
        body.put("retention", retention.isEmpty() ? null : retention);
        if (immutableFor != null && !immutableFor.isBlank()) {
            body.put("immutability", Map.of("period", immutableFor.trim()));
        }
        body.put("paused", paused);
        return body;
    }

    private static void put(Map<String, Object> into, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            into.put(field, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            into.put(field, value.trim());
        }
    }
}
