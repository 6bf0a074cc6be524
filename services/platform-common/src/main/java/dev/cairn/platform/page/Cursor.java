package dev.cairn.platform.page;

import dev.cairn.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset cursor over lists ordered by (creation time, id): opaque to clients, stable while rows are added or
 * removed (no row is skipped or repeated, unlike an offset).
 *
 * @param at the creation time of the last row of the previous page
 * @param id its id
 */
public record Cursor(Instant at, UUID id) {
    /** The cursor after this row. */
    public String encode() {
        String text = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The id cursor a client sent to a list in id order (the last id of the previous page), or null for the first
     * page; 400 naming {@code cursor} when it is not an id.
     */
    public static UUID afterId(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    /** The page size a client asked for, when it is 1 to {@code max}; 400 naming {@code limit} otherwise. */
    public static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ProblemException.invalidField("limit", "between 1 and " + max);
        }
        return limit;
    }

    /**
     * A cursor at a position ({@code "o" + offset}), for a list kept by a system that pages only by offset (Keycloak's
     * users): a row added or removed before it while a client pages shifts the rest by one.
     */
    public static String atOffset(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("o" + offset).getBytes(StandardCharsets.US_ASCII));
    }

    /** The offset of an {@link #atOffset} cursor a client sent, 0 for none; 400 naming {@code cursor} otherwise. */
    public static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int offset = text.startsWith("o") ? Integer.parseInt(text.substring(1)) : -1;
            if (offset < 0) {
                throw notOurs();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    /** 400 naming {@code cursor}: the cursor a client sent is not one this list made. */
    public static ProblemException notOurs() {
        return ProblemException.invalidField("cursor", "not a cursor of this list: start again without one");
    }

    /** The cursor a client sent, or null for the first page; 400 naming {@code cursor} when it is not one of ours. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.", 3);
            return new Cursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | java.time.DateTimeException e) {
            throw notOurs();
        }
    }
}
