package org.lmcx;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The numeric core and the CLI stay headless; the CLI may use render (charts) but never the app. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.lmcx");

    @Test
    void coreAndCliImportNoJavaFxOrChartFx() {
        noClasses().that().resideInAnyPackage("org.lmcx.model..", "org.lmcx.io..", "org.lmcx.nn..",
                        "org.lmcx.match..", "org.lmcx.analysis..", "org.lmcx.task..", "org.lmcx.session..",
                        "org.lmcx.runner..", "org.lmcx.cli..", "org.lmcx.study..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fair_acc..")
                .check(CLASSES);
    }

    @Test
    void cliDoesNotDependOnTheApp() {
        noClasses().that().resideInAPackage("org.lmcx.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.lmcx.app..")
                .check(CLASSES);
    }

    @Test
    void numericCoreDoesNotDependOnTheFrontEnds() {
        noClasses().that().resideInAnyPackage("org.lmcx.model..", "org.lmcx.io..", "org.lmcx.nn..",
                        "org.lmcx.match..", "org.lmcx.analysis..", "org.lmcx.task..", "org.lmcx.session..",
                        "org.lmcx.runner..", "org.lmcx.study..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lmcx.cli..", "org.lmcx.render..",
                        "org.lmcx.app..")
                .check(CLASSES);
    }

    /** Results reach the UI as plain records: the GUI and the charts never touch ND4J arrays or DL4J layers. */
    @Test
    void appAndRenderNeverTouchNd4jOrDl4j() {
        noClasses().that().resideInAnyPackage("org.lmcx.app..", "org.lmcx.render..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
                .check(CLASSES);
    }

    /** The session package is plain data: it never holds live models' numerics (ND4J) nor runs the runner. */
    @Test
    void sessionIsPlainDataBelowTheRunner() {
        noClasses().that().resideInAPackage("org.lmcx.session..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lmcx.runner..", "org.nd4j..",
                        "org.deeplearning4j..")
                .check(CLASSES);
    }

    @Test
    void renderDoesNotDependOnTheApp() {
        noClasses().that().resideInAPackage("org.lmcx.render..")
                .should().dependOnClassesThat().resideInAPackage("org.lmcx.app..")
                .check(CLASSES);
    }
}
