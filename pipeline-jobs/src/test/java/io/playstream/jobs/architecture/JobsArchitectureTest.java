package io.playstream.jobs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** pipeline-jobs sits between core and the app: it knows JobRunr, never the HTTP server, the CLI or the app. */
class JobsArchitectureTest {

    private static final JavaClasses JOBS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.playstream.jobs");

    @Test
    void jobsKnowNothingOfTheApp() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.playstream.app..").check(JOBS);
    }

    @Test
    void jobsServeNoHttpApiAndParseNoCommandLine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "picocli..", "io.micrometer..")
                .check(JOBS);
    }

    @Test
    void theSeamIsFreeOfJobRunr() {
        noClasses().that().haveSimpleName("PipelineStages").or().haveSimpleName("StageReport").or().haveSimpleName("DataInterval")
                .should().dependOnClassesThat().resideInAPackage("org.jobrunr..").check(JOBS);
    }
}
