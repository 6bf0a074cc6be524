package dev.cairn.portal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyFormTest {
    @Test
    void aFormBecomesThePolicyTheApiTakesAndBack() throws Exception {
        PolicyForm form = new PolicyForm(
                "shop-nightly",
                "c-1",
                "shop, pay-*",
                true,
                "cron",
                "0 2 * * *",
                "Europe/Paris",
                "",
                "3",
                "7",
                "",
                "",
                "P90D",
                "P30D");
        Map<String, Object> body = form.body(false);
        assertThat(body).containsEntry("name", "shop-nightly").containsEntry("paused", false);
        assertThat(body.get("backup"))
                .isEqualTo(Map.of("includeNamespaces", List.of("shop", "pay-*"), "volumes", true));
        assertThat(body.get("schedule")).isEqualTo(Map.of("cron", "0 2 * * *", "timeZone", "Europe/Paris"));
        assertThat(body.get("retention")).isEqualTo(Map.of("keepLast", 3, "keepDaily", 7, "maxAge", "P90D"));
        assertThat(body.get("immutability")).isEqualTo(Map.of("period", "P30D"));

        ObjectMapper json = new ObjectMapper();
        var policy = json.valueToTree(body);
        ((com.fasterxml.jackson.databind.node.ObjectNode) policy).put("clusterId", "c-1");
        assertThat(PolicyForm.of(policy)).isEqualTo(form);
    }

    @Test
    void anIntervalScheduleAndNoRetentionKeepEverything() {
        PolicyForm form =
                new PolicyForm("hourly", "c-1", "", false, "interval", "", "", "PT6H", "", "", "", "", "", " ");
        Map<String, Object> body = form.body(true);
        assertThat(body.get("schedule")).isEqualTo(Map.of("interval", "PT6H"));
        assertThat(body.get("retention")).isNull();
        assertThat(body).doesNotContainKey("immutability");
        assertThat(body.get("backup")).isEqualTo(Map.of("volumes", false));
        assertThat(body).containsEntry("paused", true);
    }
}
