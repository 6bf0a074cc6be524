package dev.cairn.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The layering every Cairn module keeps: domain code does not know the transports and SDKs it is reached through.
 * A module checks them with {@code @ArchTest static final ArchTests RULES = ArchTests.in(LayeringRules.class);}.
 *
 * <ul>
 *   <li>JAX-RS and RESTEasy types only in {@code *Resource} (and the classes nested in one), {@code *Mappers},
 *       {@code *Filter} and {@code *Client} (REST client interfaces) classes, and in {@code http} and {@code keycloak} packages (Keycloak's admin
 *       client is built on JAX-RS);
 *   <li>Kafka and reactive messaging types only in packages named {@code kafka} or {@code messaging};
 *   <li>AWS SDK types only in packages named {@code region}, {@code s3}, {@code kms} or {@code storage};
 *   <li>Keycloak's admin client only in packages named {@code keycloak};
 *   <li>no cycles between a module's feature packages ({@code dev.cairn.<module>.<feature>}).
 * </ul>
 *
 * <p>Star imports are refused by Spotless ({@code forbidWildcardImports} in the parent pom), since bytecode does not
 * show them.
 */
public final class LayeringRules {
    private LayeringRules() {}

    /** A class nested in a {@code *Resource} (its posted form's fields, say) is part of that edge. */
    private static final DescribedPredicate<JavaClass> NOT_INSIDE_A_RESOURCE = DescribedPredicate.describe(
            "are not nested in a *Resource",
            c -> c.getEnclosingClass()
                    .map(outer -> !outer.getSimpleName().endsWith("Resource"))
                    .orElse(true));

    @ArchTest
    public static final ArchRule JAX_RS_AT_THE_EDGE = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Resource")
            .and()
            .haveSimpleNameNotEndingWith("Mappers")
            .and()
            .haveSimpleNameNotEndingWith("Filter")
            .and()
            .haveSimpleNameNotEndingWith("Client")
            .and(NOT_INSIDE_A_RESOURCE)
            .and()
            .resideOutsideOfPackages("..http..", "..keycloak..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
            .because("HTTP is an edge: domain code throws ProblemException and returns plain types")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule KAFKA_AT_THE_EDGE = noClasses()
            .that()
            .resideOutsideOfPackages("..kafka..", "..messaging..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "io.smallrye.reactive.messaging..")
            .because("Kafka is a transport: records are decoded at the edge into wire-format types")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule AWS_AT_THE_EDGE = noClasses()
            .that()
            .resideOutsideOfPackages("..region..", "..s3..", "..kms..", "..storage..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon..")
            .because("object storage and KMS sit behind interfaces with an AWS implementation")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule KEYCLOAK_ADMIN_AT_THE_EDGE = noClasses()
            .that()
            .resideOutsideOfPackage("..keycloak..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.keycloak..")
            .because("user administration sits behind an interface with a Keycloak implementation")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule MAIL_AT_THE_EDGE = noClasses()
            .that()
            .resideOutsideOfPackage("..mail..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.quarkus.mailer..", "io.vertx.ext.mail..")
            .because("mail is a transport: features say what to send through an interface of their own")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule FEATURES_FREE_OF_CYCLES = SlicesRuleDefinition.slices()
            .matching("dev.cairn.(*).(*)..")
            .should()
            .beFreeOfCycles()
            .because("a feature package that needs another's internals, and is needed back, is one feature in two"
                    + " places")
            .allowEmptyShould(true);
}
