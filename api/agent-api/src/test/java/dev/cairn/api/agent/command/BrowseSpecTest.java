package dev.cairn.api.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class BrowseSpecTest {
    private static BrowseSpec list(String path) {
        return new BrowseSpec(UUID.randomUUID(), path, false, null, 0);
    }

    @Test
    void aPathIsRelativeWithoutEmptyDotOrDotDotComponents() {
        assertThat(list("").isRelative()).isTrue();
        assertThat(list("a/b c/d.txt").isRelative()).isTrue();
        assertThat(list("a/..b/c..").isRelative()).isTrue();
        assertThat(list("/etc").isRelative()).isFalse();
        assertThat(list("a//b").isRelative()).isFalse();
        assertThat(list("a/").isRelative()).isFalse();
        assertThat(list("a/../../etc").isRelative()).isFalse();
        assertThat(list("./a").isRelative()).isFalse();
    }

    @Test
    void theRootHasNoComponentsAndCannotBeDownloaded() {
        assertThat(list("").components()).isEmpty();
        assertThat(list("a/b").components()).containsExactly("a", "b");
        assertThat(new BrowseSpec(UUID.randomUUID(), "", true, null, 0).isDownloadOfAFile())
                .isFalse();
        assertThat(new BrowseSpec(UUID.randomUUID(), "a", true, null, 0).isDownloadOfAFile())
                .isTrue();
    }

    @Test
    void aListingWithoutALimitAnswersTheDefaultPage() {
        assertThat(list("").pageSize()).isEqualTo(BrowseSpec.DEFAULT_LIMIT);
        assertThat(new BrowseSpec(UUID.randomUUID(), "", false, null, 7).pageSize())
                .isEqualTo(7);
    }
}
