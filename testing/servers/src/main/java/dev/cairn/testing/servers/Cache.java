package dev.cairn.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Unpacked server distributions, shared by every run on this machine ({@code ~/.cache/cairn}, or
 * {@code $CAIRN_CACHE}). An entry appears whole or not at all: it is unpacked beside its place and renamed.
 */
final class Cache {
    private Cache() {}

    static Path root() {
        String override = System.getenv("CAIRN_CACHE");
        return override != null && !override.isBlank()
                ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".cache", "cairn");
    }

    /** Unpacks the tar archive read from {@code archive} into {@code root()/name}, once. */
    static Path unpackTar(String name, ArchiveSource archive, String tarFlags) {
        Path target = root().resolve(name);
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(root());
            Path staging = Files.createTempDirectory(root(), name + ".unpacking-");
            Process tar = new ProcessBuilder("tar", tarFlags, "-", "-C", staging.toString())
                    .redirectErrorStream(true)
                    .start();
            try (InputStream in = archive.open();
                    var out = tar.getOutputStream()) {
                in.transferTo(out);
            }
            String output = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                throw new ServerStartException("cannot unpack " + name + ": " + output);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // another run unpacked it first
                deleteTree(staging);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + name + " into " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted while unpacking " + name, e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Opens the archive's bytes. */
    @FunctionalInterface
    interface ArchiveSource {
        InputStream open() throws IOException;
    }
}
