package dev.cairn.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.cairn.testing.architecture.LayeringRules;

/**
 * The platform's layering rules, and the agent's own edges: the Kubernetes client and JSON stay out of the data path
 * (chunking, backup, restore, sources, file system, Kafka), which works the same for a directory and a cluster.
 */
@AnalyzeClasses(packages = "dev.cairn.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    @ArchTest
    static final ArchTests LAYERING = ArchTests.in(LayeringRules.class);

    @ArchTest
    static final ArchRule FABRIC8_AT_THE_EDGES = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "dev.cairn.agent", // Main: the image's entry point builds the client
                    "..kube..",
                    "..volume..",
                    "..daemon..",
                    "..command..",
                    "..credentials..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.fabric8..")
            .because("the Kubernetes API is one edge: objects become files in kube, volumes become tasks in volume");

    @ArchTest
    static final ArchRule JACKSON_AT_THE_EDGES = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "..json..", "..kube..", "..platform..", "..registration..", "..credentials..", "..volume..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.fasterxml.jackson..")
            .because(
                    "JSON is read and written where it crosses an edge (the platform's API, the kept registration answer,"
                            + " Kubernetes objects, volume tasks), into the contract's records; the data path has its own binary formats");
}
