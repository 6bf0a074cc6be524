package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void readsNamedOptionsFlagsAndEqualsForms() {
        var options = Main.options(new ArrayDeque<>(List.of("--email", "a@b.c", "--device", "--platform=http://x")));
        assertThat(options)
                .containsEntry("email", "a@b.c")
                .containsEntry("device", "true")
                .containsEntry("platform", "http://x");
    }

    @Test
    void refusesAStrayArgument() {
        assertThatThrownBy(() -> Main.options(new ArrayDeque<>(List.of("oops"))))
                .hasMessageContaining("oops");
    }

    @Test
    void anUnknownCommandExitsWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                new Main(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)).run(new String[] {"fly"});
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown command 'fly'")
                .contains("Usage");
    }

    @Test
    void aMissingRequiredOptionIsAClearError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
                .run(new String[] {"login"});
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--email is required");
    }
}
