package dev.cairn.data.tree;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks of tree paths: what a restore may write. */
public final class TreePaths {
    /** The longest path a tree entry may have. */
    public static final int MAX_LENGTH = 32 * 1024;

    private TreePaths() {}

    /**
     * Fails with {@link UnsafePathException} unless {@code path} is relative, made of non-empty components, none of
     * them {@code .} or {@code ..}, without NUL bytes: a restore of it stays inside its target.
     */
    public static void checkSafe(byte[] path) {
        if (path.length == 0) {
            throw new UnsafePathException(path, "an empty path");
        }
        if (path.length > MAX_LENGTH) {
            throw new UnsafePathException(path, "a path longer than " + MAX_LENGTH + " bytes");
        }
        if (path[0] == '/') {
            throw new UnsafePathException(path, "an absolute path");
        }
        int start = 0;
        for (int i = 0; i <= path.length; i++) {
            if (i < path.length && path[i] == 0) {
                throw new UnsafePathException(path, "a NUL byte in a path");
            }
            if (i == path.length || path[i] == '/') {
                int length = i - start;
                if (length == 0) {
                    throw new UnsafePathException(path, "an empty path component");
                }
                if (length == 1 && path[start] == '.') {
                    throw new UnsafePathException(path, "a '.' component");
                }
                if (length == 2 && path[start] == '.' && path[start + 1] == '.') {
                    throw new UnsafePathException(path, "a '..' component");
                }
                start = i + 1;
            }
        }
    }

    /** The parent of {@code path} (bytes before the last {@code /}), or an empty array at the top. */
    public static byte[] parent(byte[] path) {
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/') {
                return java.util.Arrays.copyOf(path, i);
            }
        }
        return new byte[0];
    }

    /** UTF-8 where valid, other bytes as {@code \xNN}: for messages. */
    public static String display(byte[] path) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(path))
                    .toString();
        } catch (CharacterCodingException e) {
            StringBuilder s = new StringBuilder();
            for (byte b : path) {
                if (b >= 0x20 && b < 0x7f && b != '\\') {
                    s.append((char) b);
                } else {
                    s.append(String.format("\\x%02x", b & 0xff));
                }
            }
            return s.toString();
        }
    }
}
