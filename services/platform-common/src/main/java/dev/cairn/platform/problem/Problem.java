package dev.cairn.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error answer of the Cairn API ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem, documented in docs/api-errors.md
 * @param title a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong this time, in words a user can act on
 * @param instance the request path
 * @param errors the invalid fields, for validation problems
 * @param extensions members of this type of problem (RFC 9457, section 3.2), written beside the standard ones: the
 *     usage, limit and plan of a {@code quota-exceeded}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @JsonIgnore Map<String, Object> extensions) {

    public Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    /** The extension members, written as members of the problem object itself. */
    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions == null ? Map.of() : extensions;
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The base of every problem type URI. */
    public static final String TYPE_BASE = "https://cairn.dev/problems/";

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    /** One invalid input field. */
    public record FieldError(String field, String message) {}
}
