package dev.strangler.connect.legacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Imports flow one way: Connect glue (package root) -> projection -> mapping -> write -> guard; only the glue
 * knows Connect's record types, and nothing below it knows the glue.
 */
class PackageDependenciesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.strangler.connect.legacy");

    @Test
    void onlyTheGlueKnowsConnectRecords() {
        noClasses().that().resideInAnyPackage("..legacy.event..", "..legacy.mapping..", "..legacy.write..", "..legacy.guard..",
                        "..legacy.projection..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.connect..")
                .check(CLASSES);
    }

    @Test
    void logicNeverDependsOnTheGlue() {
        noClasses().that().resideInAnyPackage("..legacy.event..", "..legacy.mapping..", "..legacy.write..", "..legacy.guard..",
                        "..legacy.projection..")
                .should().dependOnClassesThat().resideInAPackage("dev.strangler.connect.legacy")
                .check(CLASSES);
    }

    @Test
    void theWriterKnowsNothingOfTheMapping() {
        noClasses().that().resideInAnyPackage("..legacy.write..", "..legacy.guard..")
                .should().dependOnClassesThat().resideInAnyPackage("..legacy.mapping..", "..legacy.projection..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("..legacy.guard..")
                .should().dependOnClassesThat().resideInAPackage("..legacy.write..")
                .check(CLASSES);
    }
}
