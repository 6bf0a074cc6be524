package dev.cairn.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into an RFC 9457 problem: a 4xx for what the caller can fix, a 500 with an
 * error id (and the stack trace only in our log) for what it cannot.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return answer(new Problem(
                Problem.type(e.slug()), e.title(), e.status(), e.getMessage(), path(uri), e.errors(), e.extensions()));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return answer(new Problem(
                Problem.type("validation"),
                "Invalid request",
                400,
                "the request has " + errors.size() + " invalid field(s)",
                path(uri),
                errors));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail = e.getOriginalMessage() == null ? "the body is not valid JSON" : e.getOriginalMessage();
        return answer(
                new Problem(Problem.type("malformed-body"), "Malformed request body", 400, detail, path(uri), null));
    }

    /**
     * A value of the wrong type (a malformed UUID, an unknown enum constant): Quarkus' own mapper would answer an
     * empty 400, so this one takes precedence and names the field, not our Java types.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining("."))
                .replace(".[", "[");
        String detail = field.isEmpty()
                ? "the body does not have the expected shape"
                : "field " + field + " has a value of the wrong type or format";
        return answer(
                new Problem(Problem.type("malformed-body"), "Malformed request body", 400, detail, path(uri), null));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Response base = answer(new Problem(
                Problem.type("unauthorized"),
                "Unauthorized",
                401,
                "a valid bearer token of the Cairn realm is required",
                path(uri),
                null));
        return Response.fromResponse(base)
                .header("WWW-Authenticate", "Bearer realm=\"cairn\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(new Problem(
                Problem.type("forbidden"),
                "Forbidden",
                403,
                "your role does not allow this operation",
                path(uri),
                null));
    }

    /**
     * A call this service made to another (Keycloak's admin API, say) failed: that is not the caller's doing, and
     * the other service's answer is not theirs to read.
     */
    @ServerExceptionMapper
    public Response upstream(ClientWebApplicationException e, UriInfo uri) {
        return upstream(e, uri, "failed", "a service this operation depends on failed; quote error id %s to support");
    }

    /**
     * A call this service made to another did not get an answer (a timeout, a refused connection): the caller's
     * request is not at fault, and trying again later may succeed (found by the load tests: an overloaded tenant
     * service made the metering service's quota lookups time out, answered 500 until then).
     */
    @ServerExceptionMapper
    public Response unanswered(jakarta.ws.rs.ProcessingException e, UriInfo uri) {
        return upstream(
                e,
                uri,
                "unanswered",
                "a service this operation depends on did not answer in time; try again, or quote error id %s to"
                        + " support");
    }

    /** A 502 {@code upstream} problem whose detail names its error id, logged with the failure. */
    private static Response upstream(Throwable e, UriInfo uri, String what, String detail) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "upstream call %s, error %s on %s", what, errorId, path(uri));
        return answer(new Problem(
                Problem.type("upstream"),
                "Upstream failure",
                502,
                detail.formatted(errorId),
                path(uri),
                null,
                failure(errorId)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType type = original.getStatusInfo();
        String detail = status < 500 && e.getMessage() != null ? e.getMessage() : type.getReasonPhrase();
        Response.ResponseBuilder builder = Response.fromResponse(answer(new Problem(
                Problem.type(slug(type.getReasonPhrase())), type.getReasonPhrase(), status, detail, path(uri), null)));
        return builder.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (outOfConnections(e)) {
            return overloaded(e, uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", errorId, path(uri));
        return answer(new Problem(
                Problem.type("internal"),
                "Internal error",
                500,
                "an unexpected error occurred; quote error id " + errorId + " to support",
                path(uri),
                null,
                failure(errorId)));
    }

    /** How long a caller refused for want of a database connection is asked to wait, s. */
    static final int OVERLOADED_RETRY_AFTER = 1;

    /**
     * The request waited its whole acquisition timeout for a database connection (every one of the pool's busy):
     * this instance is overloaded for now, which is not the caller's fault and not a bug. {@code 503 overloaded} with
     * {@code Retry-After}, which the agent and the CLI honour (found by the agent control-plane load test: 10,000
     * agents' polls answered 500 when the tenant service's pool of 20 ran dry). Logged without its stack.
     */
    private static Response overloaded(Throwable e, UriInfo uri) {
        LOG.warnf("no database connection free in time on %s: answered 503 (%s)", path(uri), e.getMessage());
        return overloaded("this service has no database connection free right now; try again in a moment", uri);
    }

    /** Work this instance bounds (a queue of its own) was full: {@code 503 overloaded} with {@code Retry-After}. */
    @ServerExceptionMapper
    public Response overloaded(OverloadedException e, UriInfo uri) {
        LOG.warnf("%s on %s: answered 503", e.getMessage(), path(uri));
        return overloaded(e.getMessage() + "; try again in a moment", uri);
    }

    private static Response overloaded(String detail, UriInfo uri) {
        return Response.fromResponse(
                        answer(new Problem(Problem.type("overloaded"), "Overloaded", 503, detail, path(uri), null)))
                .header("Retry-After", Integer.toString(OVERLOADED_RETRY_AFTER))
                .build();
    }

    /**
     * True when {@code e} or a cause is a connection pool's refusal after its acquisition timeout: Agroal's
     * ({@code SQLException} "Sorry, acquisition timeout!", whatever wraps it: Hibernate, our catalogs' own
     * exceptions) or any {@code SQLTransientConnectionException}.
     */
    static boolean outOfConnections(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || (t instanceof java.sql.SQLException
                            && t.getMessage() != null
                            && t.getMessage().contains("acquisition timeout"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure's own members: its error id, and the trace id of the request (when it has one) that finds its spans
     * and its log lines ({@code mdc.traceId}), in this service and those it called.
     */
    static java.util.Map<String, Object> failure(String errorId) {
        java.util.Map<String, Object> members = new java.util.LinkedHashMap<>();
        members.put("errorId", errorId);
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            members.put("traceId", span.getTraceId());
        }
        return members;
    }

    private static Response answer(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** {@code signup.request.email} becomes {@code email}: the caller knows its fields, not our methods. */
    private static String field(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        return parts.length <= 2
                ? parts[parts.length - 1]
                : String.join(".", List.of(parts).subList(2, parts.length));
    }

    private static String slug(String reason) {
        return reason == null
                ? "error"
                : reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
