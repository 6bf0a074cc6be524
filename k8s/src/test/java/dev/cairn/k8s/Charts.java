package dev.cairn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the chart tests share: a chart's copy to lint with other values, and the objects a rendering made. */
final class Charts {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Charts() {}

    /** Copies a chart's folder to {@code to} (helm-java's lint takes no --set: a copy gets its own values.yaml). */
    static Path copy(Path chart, Path to) throws IOException {
        try (var files = Files.walk(chart)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(chart.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    /** The Kubernetes objects of a rendering (its YAML documents that are objects). */
    static List<JsonNode> objects(String rendered) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(rendered)) {
            for (JsonNode o : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (o != null && o.isObject()) {
                    objects.add(o);
                }
            }
        }
        return objects;
    }
}
