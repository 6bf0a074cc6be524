package dev.cairn.metering.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Answers as CSV to a caller that asks for it ({@code Accept: text/csv}), with the next page as a {@code Link}. */
public final class CsvAnswers {
    private CsvAnswers() {}

    /** Whether the request names CSV among the types it accepts (a wildcard alone does not). */
    public static boolean wanted(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.valueOf(Csv.MEDIA_TYPE)) && !m.isWildcardType());
    }

    /**
     * The CSV as a 200 answer; when there is more, a {@code Link: <…?cursor=next>; rel="next"} header.
     *
     * @param filename when not null, the answer is an attachment of that name (a browser saves it)
     */
    public static Response of(Csv csv, UriInfo uri, String nextCursor, String filename) {
        Response.ResponseBuilder answer = Response.ok(csv.toString(), Csv.MEDIA_TYPE + "; charset=utf-8");
        if (nextCursor != null) {
            answer.header(
                    "Link",
                    "<"
                            + uri.getRequestUriBuilder()
                                    .replaceQueryParam("cursor", nextCursor)
                                    .build() + ">; rel=\"next\"");
        }
        if (filename != null) {
            answer.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        }
        return answer.build();
    }
}
