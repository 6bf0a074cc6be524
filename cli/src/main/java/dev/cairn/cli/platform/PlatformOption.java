package dev.cairn.cli.platform;

import picocli.CommandLine.Option;

/** The {@code --platform URL} option: which Cairn platform a command talks to. */
public final class PlatformOption {
    /** Where the local platform of {@code ./cairn up} answers. */
    public static final String LOCAL = "http://127.0.0.1:8080";

    @Option(
            names = "--platform",
            paramLabel = "URL",
            description = "The platform (default: $CAIRN_URL, else the one you signed in to, else " + LOCAL + ").")
    String url;

    /** The option's value, else {@code $CAIRN_URL}, else the signed-in platform, else the local one. */
    public String url() {
        if (url != null && !url.isBlank()) {
            return strip(url);
        }
        String env = fromEnvironment();
        if (env != null && !env.isBlank()) {
            return strip(env);
        }
        return Credentials.load()
                .map(Credentials::platformUrl)
                .map(PlatformOption::strip)
                .orElse(LOCAL);
    }

    /** The URL given with {@code --platform} or {@code $CAIRN_URL}, or null (a local agent then uses its own). */
    public String explicitUrl() {
        String env = fromEnvironment();
        return url != null && !url.isBlank() ? strip(url) : env != null && !env.isBlank() ? strip(env) : null;
    }

    /** {@code $CAIRN_URL}, or the system property {@code cairn.url} (the CLI run inside another program). */
    private static String fromEnvironment() {
        return System.getProperty("cairn.url", System.getenv("CAIRN_URL"));
    }

    /** The platform's public API as the signed-in user. */
    public Platform signedIn() {
        return new Platform(url());
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
