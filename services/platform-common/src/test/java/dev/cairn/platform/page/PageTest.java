package dev.cairn.platform.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {
    @Test
    void onePageMoreThanTheLimitMeansANextPageAfterTheLastItem() {
        Page<String> page = Page.of(List.of(1, 2, 3), 2, i -> "item " + i, i -> "after " + i);
        assertThat(page.items()).containsExactly("item 1", "item 2");
        assertThat(page.nextCursor()).isEqualTo("after 2");
    }

    @Test
    void noMoreRowsThanTheLimitIsTheLastPage() {
        assertThat(Page.of(List.of(1, 2), 2, i -> i, i -> "after " + i)).isEqualTo(new Page<>(List.of(1, 2), null));
        assertThat(Page.of(List.<Integer>of(), 2, i -> i, i -> "after " + i)).isEqualTo(new Page<>(List.of(), null));
    }
}
