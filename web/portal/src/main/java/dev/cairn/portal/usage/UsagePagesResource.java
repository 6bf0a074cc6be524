package dev.cairn.portal.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.api.PlatformApi;
import dev.cairn.portal.dashboard.Dashboard;
import dev.cairn.portal.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The tenant's usage over time and its plan. */
@Path("/app/usage")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class UsagePagesResource {
    private final PlatformApi api;
    private final SignedIn user;

    public UsagePagesResource(PlatformApi api, SignedIn user) {
        this.api = api;
        this.user = user;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance usage(
                SignedIn user,
                JsonNode usage,
                JsonNode days,
                String daysChart,
                JsonNode months,
                String monthsChart,
                JsonNode plan);
    }

    @GET
    public TemplateInstance usage() {
        JsonNode usage = api.get(user.token(), "usage");
        JsonNode days =
                api.get(user.token(), "usage/history?granularity=day&limit=31").path("items");
        JsonNode months = api.get(user.token(), "usage/history?granularity=month&limit=12")
                .path("items");
        JsonNode plan = null;
        for (JsonNode p : api.get(user.token(), "plans?limit=100").path("items")) {
            if (p.path("code").asText().equals(usage.path("plan").asText())) {
                plan = p;
            }
        }
        return Templates.usage(
                user, usage, days, Dashboard.chart(days, usage), months, Dashboard.chart(months, usage), plan);
    }
}
