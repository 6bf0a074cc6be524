package dev.cairn.portal;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.cairn.testing.architecture.LayeringRules;

@AnalyzeClasses(packages = "dev.cairn.portal", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    @ArchTest
    static final ArchTests LAYERING = ArchTests.in(LayeringRules.class);
}
