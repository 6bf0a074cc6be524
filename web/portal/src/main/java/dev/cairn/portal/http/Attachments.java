package dev.cairn.portal.http;

import jakarta.ws.rs.core.Response;

/** Answers a browser saves as a file: the bytes the API sent, under a name. */
public final class Attachments {
    private Attachments() {}

    /** A 200 answer of {@code type} that the browser saves as {@code filename}. */
    public static Response of(byte[] bytes, String filename, String type) {
        return Response.ok(bytes, type)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }
}
