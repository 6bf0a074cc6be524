package dev.cairn.api.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.cairn.testing.architecture.LayeringRules;

/** The contract is plain Java both sides compile against: no framework, transport or JSON library types. */
@AnalyzeClasses(packages = "dev.cairn.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractRulesTest {
    @ArchTest
    static final ArchTests LAYERING = ArchTests.in(LayeringRules.class);

    @ArchTest
    static final ArchRule ONLY_THE_JDK_VALIDATION_AND_THE_WIRE_FORMATS = classes()
            .that()
            .resideInAPackage("dev.cairn.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "jakarta.validation..", "dev.cairn.api..", "dev.cairn.data..")
            .because("agent and services compile against the contract: no Quarkus, JAX-RS, Jackson or fabric8 in it");

    @ArchTest
    static final ArchRule NO_CYCLES = SlicesRuleDefinition.slices()
            .matching("dev.cairn.api.(**)")
            .should()
            .beFreeOfCycles();
}
