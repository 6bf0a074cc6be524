package dev.cairn.load.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a service's Prometheus exposition ({@code /q/metrics} on its management port): the platform's own counts. */
public final class Prometheus {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    private Prometheus() {}

    /** The exposition text at {@code url}. */
    public static String scrape(String url) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum of the samples of metric {@code name} whose labels include every one of {@code labels} (each
     * {@code key="value"}); 0 when there is none.
     */
    public static double sum(String exposition, String name, String... labels) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            String labelText = "";
            if (rest.startsWith("{")) {
                labelText = rest.substring(1, rest.indexOf('}'));
                rest = rest.substring(rest.indexOf('}') + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one's
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= ("," + labelText + ",").contains("," + label + ",");
            }
            if (matches) {
                total += Double.parseDouble(rest.trim().split("\\s+")[0]);
            }
        }
        return total;
    }
}
