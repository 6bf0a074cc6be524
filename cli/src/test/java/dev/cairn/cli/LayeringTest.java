package dev.cairn.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.cairn.testing.architecture.LayeringRules;

/** The platform's layering rules, the command line's nouns free of cycles among them. */
@AnalyzeClasses(packages = "dev.cairn.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    @ArchTest
    static final ArchTests LAYERING = ArchTests.in(LayeringRules.class);
}
