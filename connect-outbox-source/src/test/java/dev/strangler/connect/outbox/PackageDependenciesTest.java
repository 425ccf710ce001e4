package dev.strangler.connect.outbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Imports flow one way: Connect glue (package root) -> poll -> shape, housekeeping, jdbc -> sql -> model; the
 * SQL text never knows JDBC, and no logic knows the glue.
 */
class PackageDependenciesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.strangler.connect.outbox");

    @Test
    void logicNeverDependsOnTheGlue() {
        noClasses().that().resideOutsideOfPackage("dev.strangler.connect.outbox")
                .should().dependOnClassesThat().resideInAPackage("dev.strangler.connect.outbox")
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.strangler.connect.outbox.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void sqlTextAndTheModelKnowNeitherJdbcNorConnectRecords() {
        noClasses().that().resideInAnyPackage("..outbox.sql..", "..outbox.model..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.apache.kafka.connect..", "..outbox.poll..",
                        "..outbox.shape..", "..outbox.jdbc..", "..outbox.housekeeping..")
                .check(CLASSES);
    }

    @Test
    void shapingNeverTouchesTheDatabase() {
        noClasses().that().resideInAPackage("..outbox.shape..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "..outbox.jdbc..", "..outbox.poll..", "..outbox.sql..")
                .check(CLASSES);
    }
}
