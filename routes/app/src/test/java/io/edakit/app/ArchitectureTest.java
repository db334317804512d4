package io.edakit.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rule of docs/architecture.md, over every edakit class of the product (none of the tests
 * or test fixtures): the engines (core: every {@code io.edakit} package outside the three below)
 * know no Camel template; the templates ({@code io.edakit.routes..}) know neither the benchmark, the
 * operator APIs nor the application; the benchmark ({@code io.edakit.bench..}) and the operator APIs
 * ({@code io.edakit.operator..}) are used by the application only (the Spring Boot starter, not on
 * this classpath, uses the operator APIs too); and no two packages import each other, however indirectly.
 *
 * <p>Written in modules, not in a list of core packages, so that a new or renamed engine package
 * falls under the rule without an edit here.
 */
class ArchitectureTest {

    private static final String TEMPLATES = "io.edakit.routes..";
    private static final String BENCH = "io.edakit.bench..";
    private static final String OPERATOR = "io.edakit.operator..";
    private static final String APP = "io.edakit.app..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // module classes come as directories or, from `verify` on, as the modules' jars; leave out
        // test classes wherever they come from (test-classes directories, test-jars)
        ImportOption productOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        classes = new ClassFileImporter().withImportOption(productOnly).importPackages("io.edakit");
        // a rule over classes that were not found would pass: one of each layer must be there
        assertThat(List.of(io.edakit.channel.ChannelComponent.class, io.edakit.routes.EdakitTemplates.class,
                io.edakit.bench.BenchCommand.class, EdakitMain.class, io.edakit.operator.OperatorApis.class))
                .allMatch(classes::contain);
    }

    @Test
    void noPackageCycles() {
        // (**): every package is a slice of its own, so siblings importing each other are caught
        slices().matching("io.edakit.(**)").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void layersOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy(resideInAPackage("io.edakit..")
                        .and(not(resideInAnyPackage(TEMPLATES, BENCH, OPERATOR, APP))))
                .layer("templates").definedBy(TEMPLATES)
                .layer("bench").definedBy(BENCH)
                .layer("operator").definedBy(OPERATOR)
                .layer("app").definedBy(APP)
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("app")
                .whereLayer("operator").mayOnlyBeAccessedByLayers("app")
                .whereLayer("templates").mayOnlyBeAccessedByLayers("bench", "operator", "app")
                .whereLayer("core").mayOnlyBeAccessedByLayers("templates", "bench", "operator", "app")
                .check(classes);
    }
}
