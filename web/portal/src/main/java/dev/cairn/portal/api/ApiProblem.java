package dev.cairn.portal.api;

import java.util.List;

/**
 * An API call that did not succeed, as the API explained it (RFC 9457): shown to the user as its title and detail,
 * with the fields it names.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;

    /** One field the API refused, and why. */
    public record FieldError(String field, String message) {}

    public ApiProblem(int status, String title, String detail, List<FieldError> errors) {
        super(status + " " + title + ": " + detail, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    /** The API's HTTP status. */
    public int status() {
        return status;
    }

    /** The problem's title ("Invalid request", "Conflict"...). */
    public String title() {
        return title;
    }

    /** What went wrong, in the API's words. */
    public String detail() {
        return detail;
    }

    /** The fields the API refused; empty when the problem is not about fields. */
    public List<FieldError> errors() {
        return errors;
    }
}
