package io.devstate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md ("Packages"), checked on the compiled classes: one
 * chain core without HTTP that alone writes chains, features that meet only through services, and
 * adapters (REST resources, MCP tools) that hold no SQL.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.devstate");

    @Test
    void theChainCoreKnowsNoHttpAndNoFeature() {
        noClasses().that().resideInAPackage("io.devstate.chain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "io.vertx.ext.web..", "io.quarkus.vertx.http..", "io.devstate.web..", "io.devstate.mcp..",
                        "io.devstate.history..", "io.devstate.state..", "io.devstate.locks..", "io.devstate.keys..",
                        "io.devstate.files..", "io.devstate.health..")
                .check(SERVICE);
    }

    @Test
    void onlyTheChainCoreTouchesTheChainStore() {
        classes().that().haveSimpleName("ChainStore").should().onlyBeAccessed().byClassesThat()
                .resideInAPackage("io.devstate.chain")
                .check(SERVICE);
    }

    @Test
    void repositoriesAreTheirOwnFeaturesAlone() {
        for (String feature : List.of("state", "locks")) {
            classes().that().resideInAPackage("io.devstate." + feature).and().haveSimpleNameEndingWith("Repository")
                    .should().onlyBeAccessed().byClassesThat().resideInAPackage("io.devstate." + feature)
                    .check(SERVICE);
        }
    }

    @Test
    void adaptersCallServicesNotTheDatabase() {
        noClasses().that().resideInAnyPackage("io.devstate.mcp..", "io.devstate.web..")
                .or().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("ChainBatch")
                .orShould().dependOnClassesThat().haveSimpleName("ChainWriter")
                .orShould().dependOnClassesThat().haveSimpleName("Database")
                .orShould().dependOnClassesThat().resideInAPackage("io.vertx.mutiny.sqlclient..")
                .check(SERVICE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.devstate.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    /** The lock that orders a chain's writers across replicas is taken in one place. */
    @Test
    void theAdvisoryLockIsTakenInOnePlace() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<Path> taking = sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(ArchitectureTest::mentionsTheAdvisoryLock)
                    .toList();
            assertThat(taking).containsExactly(Path.of("src/main/java/io/devstate/chain/ChainStore.java"));
        }
        methods().that().haveName("lockChain").and().areDeclaredInClassesThat().haveSimpleName("ChainStore")
                .should().onlyBeCalled().byClassesThat().haveSimpleName("ChainWriter")
                .check(SERVICE);
    }

    private static boolean mentionsTheAdvisoryLock(Path source) {
        try {
            return Files.readString(source).contains("pg_advisory");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
