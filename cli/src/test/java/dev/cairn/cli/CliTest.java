package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's parsing, help, usage errors and exit statuses, without a platform. */
class CliTest {
    private static final String ID = UUID.randomUUID().toString();

    /** What one run printed, and its exit status. */
    record Run(int exit, String out, String err) {}

    static Run cairn(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theRootHelpListsEveryNounTheExitStatusesAndExamples() {
        Run help = cairn("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains("signup", "login", "token", "cluster", "backup", "restore", "command", "verify", "up")
                .contains("test", "completion")
                .contains("Exit status: 0 ok; 1 failed", "2 usage error", "3 partially failed")
                .contains("Examples:");
        assertThat(cairn().out()).as("no command: the help").isEqualTo(help.out());
    }

    @Test
    void aPasswordIsRefusedBeforeItIsReadForAPlatformOverPlainHttp() {
        for (String[] args : new String[][] {
            {"login", "--email", "a@example.test", "--password-stdin", "--platform", "http://cairn.example.test"},
            {
                "signup",
                "--organisation",
                "A",
                "--email",
                "a@example.test",
                "--password-stdin",
                "--platform",
                "http://cairn.example.test"
            }
        }) {
            Run run = cairn(args);
            assertThat(run.exit()).as(args[0]).isEqualTo(1);
            assertThat(run.err()).as(args[0]).contains("refusing to send a password", "HTTPS only", "--device");
        }
    }

    @Test
    void eachNounHasHelpWithExamples() {
        Run backup = cairn("backup", "--help");
        assertThat(backup.exit()).isZero();
        assertThat(backup.out()).contains("create", "local", "list", "describe", "Examples:", "--wait");
        Run create = cairn("backup", "create", "--help");
        assertThat(create.out()).contains("--cluster", "--include-namespaces", "--selector", "--volumes");
        assertThat(cairn("restore", "create", "--help").out())
                .contains("--from-backup", "--namespace-mapping", "--preview", "--existing-resource-policy");
        assertThat(cairn("help", "cluster").out()).contains("revoke");
    }

    @Test
    void anUnknownOptionIsAUsageErrorThatNamesItAndNeverAStackTrace() {
        Run bogus = cairn("backup", "create", "--bogus");
        assertThat(bogus.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(bogus.err())
                .contains("cairn backup create: ")
                .contains("--bogus")
                .contains("See 'cairn backup create --help'.")
                .doesNotContain("Exception", "\tat ");
        assertThat(bogus.out()).isEmpty();
    }

    @Test
    void anUnknownCommandSuggestsTheNearOne() {
        Run typo = cairn("bakup", "list");
        assertThat(typo.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(typo.err()).contains("bakup").contains("backup");
    }

    @Test
    void optionsTakeTheirValueAfterAnEqualsSign() {
        Run sample = cairn("verify", ID, "--sample=0");
        assertThat(sample.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(sample.err()).contains("--sample takes a percentage from 1 to 100, not 0");
        Run format = cairn("backup", "list", "-o=xml");
        assertThat(format.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(format.err()).contains("xml").contains("table, json, yaml");
    }

    @Test
    void aMalformedIdOrMappingIsAUsageErrorBeforeAnythingIsDone() {
        assertThat(cairn("backup", "describe", "not-an-id").exit()).isEqualTo(ExitStatus.USAGE);
        Run mapping = cairn(
                "restore", "create", "--from-backup", ID, "--cluster", "c", "--namespace-mapping", "shop=shop-dr");
        assertThat(mapping.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(mapping.err()).contains("--namespace-mapping takes FROM:TO pairs");
        Run twice = cairn("restore", "local", ID, "--kubernetes", "--namespace-mapping", "a:b,a:c");
        assertThat(twice.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(twice.err()).contains("maps a twice");
    }

    @Test
    void aLocalRunTakesADirectoryOrAClusterNotBoth(@TempDir Path dir) {
        Run both = cairn("backup", "local", dir.toString(), "--kubernetes=http://127.0.0.1:1");
        assertThat(both.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(both.err()).contains("give either DIR or --kubernetes[=URL], not both");
        assertThat(cairn("restore", "local", ID).err()).contains("not neither");
        Run selection = cairn("backup", "local", dir.toString(), "--include-namespaces", "shop");
        assertThat(selection.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(selection.err()).contains("not files of a directory");
        Run mapping = cairn("restore", "local", ID, dir.toString(), "--namespace-mapping", "a:b");
        assertThat(mapping.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(mapping.err()).contains("not into a directory");
    }

    @Test
    void aFailureExitsWithOneAndItsMessage(@TempDir Path dir) throws Exception {
        Run noAgent = cairn("verify", ID, "--agent", dir.resolve("none").toString());
        assertThat(noAgent.exit()).isEqualTo(ExitStatus.FAILED);
        assertThat(noAgent.err()).startsWith("cairn verify: ").doesNotContain("\tat ");
        Files.createDirectories(dir.resolve("config"));
        String before = System.getProperty("cairn.config");
        System.setProperty("cairn.config", dir.resolve("config").toString());
        try {
            Run token = cairn("token");
            assertThat(token.exit()).isEqualTo(ExitStatus.FAILED);
            assertThat(token.err()).isEqualTo("cairn token: not signed in: run ./cairn login" + System.lineSeparator());
        } finally {
            if (before == null) {
                System.clearProperty("cairn.config");
            } else {
                System.setProperty("cairn.config", before);
            }
        }
    }

    @Test
    void theVersionIsTheProjects() {
        Run version = cairn("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).matches("cairn \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void upAndTestAreListedButRunByTheScript() {
        Run up = cairn("up");
        assertThat(up.exit()).isEqualTo(ExitStatus.USAGE);
        assertThat(up.err()).contains("run it from the repository as ./cairn up");
    }

    @Test
    void theCompletionScriptCompletesNounsAndOptions() {
        Run completion = cairn("completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out())
                .contains("complete -F")
                .contains("backup")
                .contains("--include-namespaces")
                .contains("--namespace-mapping");
    }
}
