package dev.cairn.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/** Where the build put the servers' distributions (written as resources by the {@code *-dist} modules). */
final class Dists {
    private Dists() {}

    static String classpath(String server) {
        String resource = "/dev/cairn/testing/dist/" + server + ".classpath";
        try (InputStream in = Dists.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ServerStartException(
                        "no " + resource + " on the classpath: build the project first (./mvnw install)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties properties(String server) {
        String resource = "/dev/cairn/testing/dist/" + server + ".properties";
        try (InputStream in = Dists.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ServerStartException(
                        "no " + resource + " on the classpath: build the project first (./mvnw install)");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
