package dev.cairn.agent.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.agent.progress.Progress;
import dev.cairn.api.agent.command.BrowseReport;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreeWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowseRunTest {
    private static final UUID BACKUP = UUID.randomUUID();

    @TempDir
    Path state;

    private BrowseRun browse;

    @BeforeEach
    void aBackupsTreeInTheWorkDirectory() throws IOException {
        // the tree a browse fetched before (kept per backup): no platform is needed to read it again
        Path work = Files.createDirectories(state.resolve("work"));
        try (OutputStream out = Files.newOutputStream(work.resolve("browse-" + BACKUP + ".tree"));
                TreeWriter tree = new TreeWriter(out)) {
            tree.write(file("a.txt", 3));
            tree.write(file("b.txt", 5));
            tree.write(entry(TreeEntry.Type.DIRECTORY, "etc", 0, ""));
            tree.write(file("etc/app.conf", 10));
            tree.write(entry(TreeEntry.Type.SYMLINK, "etc/link", 0, "app.conf"));
            tree.write(file("resources/deployments.apps/namespaces/shop/web.json", 756));
            tree.end();
        }
        browse = new BrowseRun(null, null, state);
    }

    @Test
    void aFolderListsItsEntriesInNameOrderWithTheFoldersItsEntriesImply() throws IOException {
        BrowseRun.Listing root = browse.list(BACKUP, "", null, 100);

        assertThat(root.entries())
                .extracting(BrowseReport.Entry::name)
                .containsExactly("a.txt", "b.txt", "etc", "resources");
        assertThat(root.entries())
                .extracting(BrowseReport.Entry::type)
                .containsExactly(
                        BrowseReport.EntryType.FILE,
                        BrowseReport.EntryType.FILE,
                        BrowseReport.EntryType.DIRECTORY,
                        BrowseReport.EntryType.DIRECTORY);
        assertThat(root.next()).isNull();
        assertThat(browse.list(BACKUP, "resources/deployments.apps", null, 100).entries())
                .extracting(BrowseReport.Entry::name)
                .containsExactly("namespaces");
        List<BrowseReport.Entry> etc = browse.list(BACKUP, "etc", null, 100).entries();
        assertThat(etc.get(0).size()).isEqualTo(10);
        assertThat(etc.get(0).mode()).isEqualTo(0644);
        assertThat(etc.get(1).type()).isEqualTo(BrowseReport.EntryType.SYMLINK);
        assertThat(etc.get(1).target()).isEqualTo("app.conf");
    }

    @Test
    void aLongFolderComesAPageAtATime() throws IOException {
        BrowseRun.Listing first = browse.list(BACKUP, "", null, 2);
        assertThat(first.entries()).extracting(BrowseReport.Entry::name).containsExactly("a.txt", "b.txt");
        assertThat(first.next()).isEqualTo("b.txt");

        BrowseRun.Listing second = browse.list(BACKUP, "", first.next(), 2);
        assertThat(second.entries()).extracting(BrowseReport.Entry::name).containsExactly("etc", "resources");
        assertThat(second.next()).isNull();
    }

    @Test
    void whatIsNotAFolderOrNotThereIsSaidSo() {
        assertThatThrownBy(() -> browse.list(BACKUP, "nope", null, 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("has no directory nope");
        assertThatThrownBy(() -> browse.list(BACKUP, "a.txt", null, 10))
                .hasMessageContaining("a.txt is a file, not a directory");
    }

    @Test
    void onlyAFileWithinTheLimitIsRead() {
        Path into = state.resolve("out");
        Progress progress = new Progress("browse");
        assertThatThrownBy(() -> browse.read(BACKUP, "etc", 1 << 20, into, progress))
                .hasMessageContaining("etc is a directory, not a file");
        assertThatThrownBy(() -> browse.read(BACKUP, "etc/link", 1 << 20, into, progress))
                .hasMessageContaining("links are not followed");
        assertThatThrownBy(() -> browse.read(BACKUP, "etc/app.conf", 9, into, progress))
                .hasMessageContaining("holds 10 bytes, more than the 9");
        assertThatThrownBy(() -> browse.read(BACKUP, "etc/missing", 1 << 20, into, progress))
                .hasMessageContaining("has no file etc/missing");
        progress.close();
    }

    private static TreeEntry file(String path, long size) {
        return entry(TreeEntry.Type.FILE, path, size, "");
    }

    private static TreeEntry entry(TreeEntry.Type type, String path, long size, String target) {
        return new TreeEntry(
                type,
                path.getBytes(StandardCharsets.UTF_8),
                type == TreeEntry.Type.DIRECTORY ? 0755 : 0644,
                0,
                0,
                1_764_720_000L,
                0,
                size,
                0,
                0,
                List.of(),
                target.getBytes(StandardCharsets.UTF_8));
    }
}
