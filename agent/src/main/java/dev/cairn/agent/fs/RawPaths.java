package dev.cairn.agent.fs;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * File names as the kernel has them. Java decodes names with the platform charset (UTF-8 here), so a name that is
 * not valid UTF-8 would lose bytes through {@link Path#toString()}; the JDK's Unix paths keep the raw bytes inside,
 * and this class reads and makes them (the JVM needs {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}, which
 * the agent's launchers pass). Without it, names fall back to their UTF-8 text and {@link #exact()} is false.
 */
public final class RawPaths {
    private static final Method AS_BYTES;
    private static final Constructor<?> FROM_BYTES;

    static {
        Method asBytes = null;
        Constructor<?> fromBytes = null;
        try {
            Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
            asBytes = unixPath.getDeclaredMethod("asByteArray");
            asBytes.setAccessible(true);
            fromBytes = unixPath.getDeclaredConstructor(Class.forName("sun.nio.fs.UnixFileSystem"), byte[].class);
            fromBytes.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            asBytes = null;
            fromBytes = null;
        }
        AS_BYTES = asBytes;
        FROM_BYTES = fromBytes;
    }

    private RawPaths() {}

    /** True when names keep their exact bytes (the JVM was started with the agent's flags). */
    public static boolean exact() {
        return AS_BYTES != null;
    }

    /** The bytes of {@code path} as the kernel sees them. */
    public static byte[] bytes(Path path) {
        if (AS_BYTES != null) {
            try {
                return ((byte[]) AS_BYTES.invoke(path)).clone();
            } catch (ReflectiveOperationException e) {
                // fall through
            }
        }
        return path.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A relative path made of exactly these bytes. */
    public static Path path(byte[] bytes) {
        if (FROM_BYTES != null) {
            try {
                return (Path) FROM_BYTES.newInstance(FileSystems.getDefault(), bytes.clone());
            } catch (ReflectiveOperationException e) {
                // fall through
            }
        }
        return Path.of(new String(bytes, StandardCharsets.UTF_8));
    }
}
