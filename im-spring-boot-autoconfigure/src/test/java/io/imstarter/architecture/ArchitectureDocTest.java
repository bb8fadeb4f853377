package io.imstarter.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/architecture.md} true to the code. Its package table lists every main package and no other, in
 * an order where each package depends only on those of its own row or above, and each class a row names in
 * backticks lives in a package of that row; a name qualified by its package anywhere in the document
 * ({@code server.ServerCore}) lives there. A row's first cell names its packages, the first in full and any further
 * ones relative to it ({@code `io.imstarter.store` (`.jdbc`)}).
 */
class ArchitectureDocTest {

    private static final Path DOC = Path.of("../docs/architecture.md");
    private static final Path MAIN = Path.of("src/main/java");
    private static final String BASE = "io.imstarter.";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z]\\w*");
    private static final Pattern QUALIFIED = Pattern.compile("`((?:io\\.imstarter\\.)?[a-z][\\w.]*)\\.([A-Z]\\w*)`");

    @Test
    void theTableListsEveryMainPackageAndNoOther() throws IOException {
        Set<String> listed = new TreeSet<>();
        packageTable().forEach(row -> listed.addAll(row.packages()));
        Set<String> main = mainClasses().keySet();

        assertThat(difference(main, listed)).as("main packages missing from the table of " + DOC).isEmpty();
        assertThat(difference(listed, main)).as("packages in the table of " + DOC + " that do not exist").isEmpty();
    }

    @Test
    void eachPackageDependsOnlyOnPackagesOfItsRowOrAbove() throws IOException {
        Map<String, Set<String>> dependencies = PackageCycleTest.dependencies();
        Set<String> above = new HashSet<>();
        List<String> upward = new ArrayList<>();
        for (Row row : packageTable()) {
            above.addAll(row.packages());
            for (String pkg : row.packages()) {
                for (String target : difference(dependencies.getOrDefault(pkg, Set.of()), above)) {
                    upward.add(pkg + " -> " + target);
                }
            }
        }

        assertThat(upward).as("dependencies on a package further down the table of " + DOC).isEmpty();
    }

    @Test
    void everyClassARowNamesLivesInAPackageOfThatRow() throws IOException {
        Map<String, Set<String>> classes = mainClasses();
        List<String> misplaced = new ArrayList<>();
        for (Row row : packageTable()) {
            for (String name : codeSpans(row.text(), CLASS_NAME)) {
                if (row.packages().stream().noneMatch(pkg -> classes.getOrDefault(pkg, Set.of()).contains(name))) {
                    misplaced.add(name + " is not in " + row.packages());
                }
            }
        }

        assertThat(misplaced).as("classes named in the table of " + DOC).isEmpty();
    }

    @Test
    void everyQualifiedClassNameInTheDocumentExists() throws IOException {
        Map<String, Set<String>> classes = mainClasses();
        List<String> missing = new ArrayList<>();
        Matcher qualified = QUALIFIED.matcher(Files.readString(DOC));
        while (qualified.find()) {
            String pkg = qualified.group(1).startsWith(BASE) ? qualified.group(1) : BASE + qualified.group(1);
            if (!classes.getOrDefault(pkg, Set.of()).contains(qualified.group(2))) {
                missing.add(qualified.group());
            }
        }

        assertThat(missing).as("package-qualified class names in " + DOC).isEmpty();
    }

    /** A row of the package table: the packages it names, and the text of its other cells. */
    private record Row(List<String> packages, String text) {
    }

    private static List<Row> packageTable() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("\n## Packages");
        assertThat(start).as("a Packages section in " + DOC).isNotNegative();
        List<Row> rows = doc.substring(start).lines()
                .dropWhile(line -> !line.startsWith("|"))
                .takeWhile(line -> line.startsWith("|"))
                .skip(2)
                .map(line -> line.split("\\|", 3))
                .map(cells -> new Row(packagesOf(cells[1]), cells[2]))
                .toList();
        assertThat(rows).as("rows of the package table in " + DOC).isNotEmpty();
        return rows;
    }

    private static List<String> packagesOf(String cell) {
        List<String> packages = new ArrayList<>();
        for (String name : codeSpans(cell, Pattern.compile("[\\w.]+"))) {
            packages.add(name.startsWith(".") ? packages.get(0) + name : name);
        }
        assertThat(packages).as("packages named in " + cell).isNotEmpty().allMatch(name -> name.startsWith(BASE));
        return packages;
    }

    /** The backticked spans of {@code text} that match {@code shape} whole, in order of appearance. */
    private static List<String> codeSpans(String text, Pattern shape) {
        List<String> spans = new ArrayList<>();
        Matcher code = CODE.matcher(text);
        while (code.find()) {
            if (shape.matcher(code.group(1)).matches()) {
                spans.add(code.group(1));
            }
        }
        return spans;
    }

    /** Every main package to the top-level classes its directory holds. */
    private static Map<String, Set<String>> mainClasses() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !path.getFileName().toString().equals("package-info.java"))
                    .collect(Collectors.groupingBy(
                            path -> MAIN.relativize(path.getParent()).toString().replace('/', '.'), TreeMap::new,
                            Collectors.mapping(path -> path.getFileName().toString().replace(".java", ""),
                                    Collectors.toCollection(TreeSet::new))));
        }
    }

    private static Set<String> difference(Set<String> from, Set<String> remove) {
        Set<String> left = new TreeSet<>(from);
        left.removeAll(remove);
        return left;
    }
}
