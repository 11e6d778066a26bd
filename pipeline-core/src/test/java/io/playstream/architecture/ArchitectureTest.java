package io.playstream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps pipeline-core a library: no scheduler, no HTTP server, no command-line parsing, no
 * reaching into the modules that depend on it (as JobRunr's PackageDependenciesTest does).
 */
class ArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.playstream");
    }

    @Test
    void coreUsesNoScheduler() {
        check(noClasses().should().dependOnClassesThat().resideInAPackage("org.jobrunr.."));
    }

    @Test
    void coreServesNoHttp() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.javalin..", "org.eclipse.jetty..", "com.sun.net.httpserver..", "jakarta.servlet..",
                "javax.servlet..", "io.micrometer..", "io.prometheus.."));
    }

    @Test
    void coreParsesNoCommandLine() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "me.tongfei.progressbar.."));
    }

    @Test
    void coreDependsOnNoModuleAboveIt() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage("io.playstream.jobs..", "io.playstream.app.."));
    }

    @Test
    void coreReadsNoEnvironment() {
        // configuration is built once by the app and handed in: core never looks around for it
        check(noClasses().should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class));
    }

    @Test
    void corePackagesDependOnEachOtherWithoutCycles() {
        // a cycle would make two features one: neither could be read, tested or replaced alone
        check(slices().matching("io.playstream.(*)..").should().beFreeOfCycles());
    }

    @Test
    void theTransformRunnersPartsDependOnEachOtherWithoutCycles() {
        check(slices().matching("io.playstream.transform.internal.(*)..").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(core);
    }
}
