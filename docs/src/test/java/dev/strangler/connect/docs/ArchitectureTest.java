package dev.strangler.connect.docs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every plugin keeps (STYLE.md): Connect glue at a plugin's package root depends on Connect-free logic
 * in sub-packages, never the other way round; SQL dialects never see a connector config; the core knows no plugin.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.strangler.connect");

    @ParameterizedTest
    @ValueSource(strings = {"acl", "outbox", "legacy", "reconcile"})
    void logicNeverDependsOnThePluginsConnectGlue(String plugin) {
        String root = "dev.strangler.connect." + plugin;
        noClasses().that().resideInAPackage(root + ".*..")
                .should().dependOnClassesThat().resideInAPackage(root)
                .because("glue -> logic -> model: logic in " + root + ".* is tested without Connect and must not reach back"
                        + " into the connector, task, SMT or config classes at the package root")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void coreKnowsNoPlugin() {
        noClasses().that().resideInAPackage("dev.strangler.connect.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.strangler.connect.acl..", "dev.strangler.connect.outbox..",
                        "dev.strangler.connect.legacy..", "dev.strangler.connect.reconcile..")
                .check(CLASSES);
    }

    @Test
    void sqlDialectsNeverSeeAConnectorConfig() {
        noClasses().that().resideInAPackage("dev.strangler.connect.core.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.common.config..", "org.apache.kafka.connect..",
                        "dev.strangler.connect.core.jdbc..")
                .because("a dialect produces SQL text from names and shapes; the glue passes those in")
                .check(CLASSES);
    }

    @Test
    void pluginsDoNotReachIntoEachOther() {
        for (String plugin : new String[] {"acl", "outbox", "legacy", "reconcile"}) {
            String[] others = java.util.stream.Stream.of("acl", "outbox", "legacy", "reconcile")
                    .filter(other -> !other.equals(plugin))
                    .map(other -> "dev.strangler.connect." + other + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.strangler.connect." + plugin + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("shared logic lives in strangler-core")
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }
}
