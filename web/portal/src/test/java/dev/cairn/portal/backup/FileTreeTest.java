package dev.cairn.portal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FileTreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePathAboveAListingStartsAtTheRoot() {
        assertThat(FileTree.crumbs("")).containsExactly(new FileTree.Crumb("/", ""));
        assertThat(FileTree.crumbs("a/b"))
                .containsExactly(
                        new FileTree.Crumb("/", ""), new FileTree.Crumb("a", "a"), new FileTree.Crumb("b", "a/b"));
        assertThat(FileTree.child("", "x")).isEqualTo("x");
        assertThat(FileTree.child("a/b", "x")).isEqualTo("a/b/x");
        assertThat(FileTree.normal("/a//b/")).isEqualTo("a/b");
        assertThat(FileTree.normal(null)).isEmpty();
    }

    @Test
    void theAgentThatReadsIsTheOneAskedForThenTheBackupsOwnThenAnyThatBrowses() throws Exception {
        JsonNode clusters = JSON.readTree("["
                + "{\"id\":\"old\",\"phase\":\"Connected\",\"online\":true,\"agentCapabilities\":[\"restore-drill\"]},"
                + "{\"id\":\"own\",\"phase\":\"Connected\",\"online\":true,\"agentCapabilities\":[\"browse\"]},"
                + "{\"id\":\"dr\",\"phase\":\"Connected\",\"online\":true,\"agentCapabilities\":[\"browse\"]},"
                + "{\"id\":\"off\",\"phase\":\"Connected\",\"online\":false,\"agentCapabilities\":[\"browse\"]},"
                + "{\"id\":\"gone\",\"phase\":\"Revoked\",\"agentCapabilities\":[\"browse\"]}]");

        assertThat(FileTree.reader(clusters, "dr", "own")).isEqualTo("dr");
        assertThat(FileTree.reader(clusters, null, "own")).isEqualTo("own");
        assertThat(FileTree.reader(clusters, "old", "own")).as("cannot browse").isEqualTo("own");
        assertThat(FileTree.reader(clusters, "off", "gone"))
                .as("offline, revoked")
                .isEqualTo("own");
        assertThat(FileTree.reader(JSON.readTree("[]"), null, "own")).isNull();
    }
}
