package org.lmcx;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's package table ("Architecture"), as rules: {@link #MAY_USE} is the table's "may use" column, checked
 * both ways: the code obeys it ({@link #packagesUseOnlyWhatTheTableAllows}, {@link #librariesStayWhereTheTableSaysThey}),
 * and the README says exactly it ({@link #readmeTableIsTheRuleSet}). A package not yet in the code is optional.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.lmcx");

    /** The heavy libraries whose place the table states (Jackson, picocli, Commons are not restricted). */
    static final Map<String, String[]> LIBRARIES = Map.of(
            // org.bytedeco: the native bindings ND4J ships (OpenBLAS/LAPACK called directly by match, analysis)
            "ND4J", new String[]{"org.nd4j..", "org.bytedeco.."},
            "DL4J", new String[]{"org.deeplearning4j.."},
            "JavaFX", new String[]{"javafx.."},
            "ChartFX", new String[]{"io.fair_acc.."});

    /** Package → the project packages and heavy libraries it may use: the README table's last column. */
    static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("model", List.of());
        MAY_USE.put("task", List.of());
        MAY_USE.put("io", List.of("model"));
        MAY_USE.put("nn", List.of("model", "task", "ND4J", "DL4J"));
        MAY_USE.put("match", List.of("model", "nn", "task", "ND4J"));
        MAY_USE.put("analysis", List.of("model", "nn", "match", "task", "ND4J"));
        MAY_USE.put("session", List.of("model", "io", "match", "analysis"));
        MAY_USE.put("runner", List.of("model", "io", "nn", "match", "analysis", "task", "session"));
        MAY_USE.put("study", List.of("model", "io", "nn", "analysis", "task", "session", "runner"));
        MAY_USE.put("render", List.of("io", "analysis", "session", "JavaFX", "ChartFX"));
        MAY_USE.put("app", List.of("model", "io", "nn", "match", "analysis", "task", "session", "runner", "study",
                "render", "JavaFX", "ChartFX"));
        MAY_USE.put("cli", List.of("model", "io", "nn", "match", "analysis", "task", "session", "runner", "render",
                "study", "ND4J"));
    }

    static boolean isLibrary(String name) {
        return LIBRARIES.containsKey(name);
    }

    @Test
    void packagesUseOnlyWhatTheTableAllows() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (String p : MAY_USE.keySet()) {
            rule = rule.layer(p).definedBy("org.lmcx." + p + "..");
        }
        for (Map.Entry<String, List<String>> e : MAY_USE.entrySet()) {
            String[] allowed = e.getValue().stream().filter(x -> !isLibrary(x)).toArray(String[]::new);
            rule = allowed.length == 0 ? rule.whereLayer(e.getKey()).mayNotAccessAnyLayer()
                    : rule.whereLayer(e.getKey()).mayOnlyAccessLayers(allowed);
        }
        rule.check(CLASSES);
    }

    @Test
    void librariesStayWhereTheTableSaysThey() {
        for (Map.Entry<String, String[]> lib : LIBRARIES.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            MAY_USE.forEach((p, uses) -> {
                if (!uses.contains(lib.getKey())) {
                    forbidden.add("org.lmcx." + p + "..");
                }
            });
            noClasses().that().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .should().dependOnClassesThat().resideInAnyPackage(lib.getValue())
                    .as("only " + lib.getKey() + "'s packages in the README table use " + lib.getKey())
                    .allowEmptyShould(true).check(CLASSES);
        }
    }

    /** Package → the README row's "may use" names (project packages and the tracked libraries only). */
    static Map<String, Set<String>> readmeTable() throws Exception {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (!line.startsWith("| `org.lmcx.")) {
                continue;
            }
            String[] cells = line.split(" \\| ", -1);
            String pkg = cells[0].replace("| `org.lmcx.", "").replace("`", "").trim();
            Set<String> uses = new TreeSet<>();
            for (String word : cells[cells.length - 1].replace("|", "").split("[,\\s]+", -1)) {
                String w = word.replace("`", "").trim();
                if (MAY_USE.containsKey(w) || isLibrary(w)) {
                    uses.add(w);
                }
            }
            rows.put(pkg, uses);
        }
        return rows;
    }

    @Test
    void readmeTableIsTheRuleSet() throws Exception {
        Map<String, Set<String>> readme = readmeTable();
        // Packages not in the code yet (optional layers) appear neither as rows nor in the column.
        Set<String> present = new TreeSet<>(readme.keySet());
        MAY_USE.keySet().stream().filter(p -> CLASSES.stream()
                .anyMatch(c -> c.getPackageName().startsWith("org.lmcx." + p))).forEach(present::add);
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        MAY_USE.forEach((p, uses) -> {
            if (present.contains(p)) {
                Set<String> u = new TreeSet<>();
                uses.stream().filter(x -> isLibrary(x) || present.contains(x)).forEach(u::add);
                expected.put(p, u);
            }
        });
        assertThat(readme).as("README Architecture table (package → may use) vs ArchitectureTest.MAY_USE")
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void everyProjectPackageHasARow() {
        Set<String> packages = new TreeSet<>();
        CLASSES.stream().map(c -> c.getPackageName().replace("org.lmcx", "")).filter(p -> p.startsWith("."))
                .forEach(p -> packages.add(p.substring(1).split("\\.", 2)[0]));
        assertThat(MAY_USE.keySet()).containsAll(packages);
    }
}
