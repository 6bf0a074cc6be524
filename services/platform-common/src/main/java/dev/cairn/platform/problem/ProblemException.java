package dev.cairn.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * Thrown by domain code to answer with a problem, without knowing about HTTP types: {@code status} is the HTTP
 * status the edge will use, {@code slug} the last segment of the problem type URI.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null, null);
    }

    /** A problem with extension members of its type ({@link Problem#extensions()}). */
    public ProblemException(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        this(status, slug, title, detail, null, extensions);
    }

    private ProblemException(
            int status,
            String slug,
            String title,
            String detail,
            List<Problem.FieldError> errors,
            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
        this.extensions = extensions;
    }

    /** The extension members of this type of problem, or null. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** The fields at fault, when the problem is about some (else null). */
    public List<Problem.FieldError> errors() {
        return errors;
    }

    /**
     * 400: one field of the request is not valid, found by domain code rather than by a constraint annotation (a
     * cron expression, a time zone); answered like a validation failure, naming the field.
     */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(
                400,
                "validation",
                "Invalid request",
                "the request has 1 invalid field(s)",
                List.of(new Problem.FieldError(field, message)),
                null);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /**
     * 422: an {@code Idempotency-Key} sent before with another request; {@code detail} says what the key was used for
     * (null: "another request").
     */
    public static ProblemException idempotencyKeyReused(String detail) {
        return new ProblemException(
                422,
                "idempotency-key-reused",
                "Idempotency-Key reused",
                detail == null ? "this Idempotency-Key was used with another request; use a new key" : detail);
    }

    /** 404: the thing does not exist, or the caller may not know that it does. */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist");
    }

    /** 409: the request conflicts with the current state. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    /** 400: the request is not valid. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    /**
     * 409: a drill's restore (under a namespace prefix, removing what it created) for an agent that has not reported
     * {@link dev.cairn.api.agent.AgentCapabilities#RESTORE_DRILL}; an older agent would restore into the real
     * namespaces and keep them.
     */
    public static ProblemException agentCannotDrill(java.util.UUID clusterId, String agentVersion) {
        return new ProblemException(
                409,
                "agent-cannot-drill",
                "Agent cannot drill",
                lacking(clusterId, agentVersion, dev.cairn.api.agent.AgentCapabilities.RESTORE_DRILL)
                        + "restore under a namespace prefix and remove what it created");
    }

    /**
     * 409 {@code agent-lacks-capability}: the cluster's agent has not reported {@code capability}, which the
     * command needs; {@code toDo} says what upgrading it lets it do.
     */
    public static ProblemException agentLacks(
            java.util.UUID clusterId, String agentVersion, String capability, String toDo) {
        return new ProblemException(
                409,
                "agent-lacks-capability",
                "Agent lacks a capability",
                lacking(clusterId, agentVersion, capability) + toDo);
    }

    private static String lacking(java.util.UUID clusterId, String agentVersion, String capability) {
        return "the agent of cluster " + clusterId + " (version " + agentVersion + ") has not reported the "
                + capability + " capability: upgrade it to ";
    }
}
