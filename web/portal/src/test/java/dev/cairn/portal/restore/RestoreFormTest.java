package dev.cairn.portal.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreFormTest {
    @Test
    void mappingsAreWrittenOnePerLineOrSeparatedByCommas() {
        assertThat(RestoreForm.mapping("shop=shop-dr\n billing = billing-dr ,\n\nkeep"))
                .containsExactly(
                        Map.entry("shop", "shop-dr"), Map.entry("billing", "billing-dr"), Map.entry("keep", "keep"));
        assertThat(RestoreForm.mapping(null)).isEmpty();
    }

    @Test
    void thePreviewAndTheRecoveryAskForTheSameRestore() {
        RestoreForm form = new RestoreForm("b-1", "c-1", "shop, billing", "shop=shop-dr", "", "UPDATE", false);
        Map<String, Object> preview = form.restoreSpec(true);
        assertThat(preview)
                .containsEntry("backupId", "b-1")
                .containsEntry("includeNamespaces", List.of("shop", "billing"))
                .containsEntry("namespaceMapping", Map.of("shop", "shop-dr"))
                .containsEntry("existingResourcePolicy", "UPDATE")
                .containsEntry("preview", true)
                .containsEntry("volumes", false)
                .doesNotContainKey("storageClassMapping");
        Map<String, Object> recovery = form.recovery();
        assertThat(recovery)
                .containsEntry("targetClusterId", "c-1")
                .containsEntry("includeNamespaces", List.of("shop", "billing"))
                .containsEntry("namespaceMapping", Map.of("shop", "shop-dr"))
                .doesNotContainKey("preview");
    }
}
