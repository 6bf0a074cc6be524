package dev.cairn.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/** The {@code -o table|json|yaml} option of commands that answer data, and the writing of the answer. */
public final class Output {
    /** How an answer is printed. */
    public enum Format {
        /** Columns for people (the default). */
        table,
        /** The platform's JSON, indented. */
        json,
        /** The same as YAML. */
        yaml
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    /** True for {@code -o table}: the command prints its own text. */
    public boolean isTable() {
        return format == Format.table;
    }

    /** Prints {@code value} as JSON or YAML (for {@code -o table}, use the command's own text). */
    public void print(Object value, PrintStream out) {
        try {
            out.print(
                    switch (format) {
                        case json -> JSON.writeValueAsString(value) + System.lineSeparator();
                        case yaml, table -> YAML.writeValueAsString(value);
                    });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints {@code value} with {@code table} when the format is a table, else as JSON or YAML. */
    public void print(Object value, Table table, PrintStream out) {
        if (isTable()) {
            table.print(out);
        } else {
            print(value, out);
        }
    }
}
