package dev.cairn.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsAreAsWideAsTheirWidestCellAndAbsentCellsShowADash() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Table("ID", "PHASE", "FILES")
                .row("a", "Completed", 12)
                .row("bbbb", null, "")
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("ID    PHASE      FILES", "a     Completed  12", "bbbb  -          -");
    }

    @Test
    void aRowOfTheWrongWidthIsABug() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonAndYamlPrintTheSameValue() {
        Output output = new Output();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        output.format = Output.Format.json;
        output.print(List.of(new Sample("x", 1)), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"name\" : \"x\"");
        bytes.reset();
        output.format = Output.Format.yaml;
        output.print(List.of(new Sample("x", 1)), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("- name: x\n  size: 1\n");
    }

    record Sample(String name, long size) {}
}
