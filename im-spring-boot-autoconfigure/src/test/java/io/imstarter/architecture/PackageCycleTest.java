package io.imstarter.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads the import lines and qualified names of the main sources and fails when two packages depend on each other,
 * or when the core names its transport, the Spring edge, Netty or Spring.
 */
class PackageCycleTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package (io\\.imstarter[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.imstarter(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern LIBRARY = Pattern.compile("\\b(io\\.netty|org\\.springframework)\\.[a-z]");

    /** The packages that must not name Netty: the server core and everything below the transports. */
    private static final List<String> NETTY_FREE = List.of("io.imstarter.protocol", "io.imstarter.server",
            "io.imstarter.qos", "io.imstarter.event", "io.imstarter.store", "io.imstarter.cluster");

    /** The packages that must not name Spring: all but the Spring edge and the two adapters built on Spring. */
    private static final List<String> SPRING_FREE = List.of("io.imstarter.protocol", "io.imstarter.server",
            "io.imstarter.server.netty", "io.imstarter.qos", "io.imstarter.client", "io.imstarter.event",
            "io.imstarter.store", "io.imstarter.cluster");

    @Test
    void mainPackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> dependencies = dependencies();
        assertThat(dependencies).containsKeys("io.imstarter.server", "io.imstarter.server.netty");
        assertThat(dependencies.get("io.imstarter.server.netty")).contains("io.imstarter.server");
        assertThat(cycles(dependencies)).isEmpty();
    }

    @Test
    void theCoreDoesNotDependOnItsTransportOrOnTheSpringEdge() throws IOException {
        Map<String, Set<String>> dependencies = dependencies();
        assertThat(dependencies.get("io.imstarter.server")).doesNotContain("io.imstarter.server.netty");
        for (String core : List.of("io.imstarter.protocol", "io.imstarter.server", "io.imstarter.server.netty",
                "io.imstarter.qos", "io.imstarter.client")) {
            assertThat(dependencies.get(core)).as(core)
                    .noneMatch(target -> target.startsWith("io.imstarter.autoconfigure"));
        }
    }

    @Test
    void theCoreNamesNeitherNettyNorSpring() throws IOException {
        Map<String, Set<String>> libraries = libraries();
        assertThat(libraries.get("io.imstarter.server.netty")).as("the check sees Netty where it is")
                .contains("io.netty");
        for (String core : NETTY_FREE) {
            assertThat(libraries.getOrDefault(core, Set.of())).as(core).doesNotContain("io.netty");
        }
        for (String core : SPRING_FREE) {
            assertThat(libraries.getOrDefault(core, Set.of())).as(core).doesNotContain("org.springframework");
        }
    }

    @Test
    void aQualifiedNameCountsAsMuchAsAnImport() {
        assertThat(librariesNamedIn("package io.imstarter.server;\n\nimport java.util.List;\n\nclass A {\n"
                + "    org.springframework.util.unit.DataSize size;\n}\n")).containsExactly("org.springframework");
    }

    /** Package to the libraries (Netty, Spring) its classes name. */
    private static Map<String, Set<String>> libraries() throws IOException {
        Map<String, Set<String>> libraries = new TreeMap<>();
        for (Map.Entry<String, String> source : sources()) {
            libraries.computeIfAbsent(source.getKey(), key -> new TreeSet<>())
                    .addAll(librariesNamedIn(source.getValue()));
        }
        return libraries;
    }

    private static Set<String> librariesNamedIn(String source) {
        Set<String> named = new TreeSet<>();
        Matcher library = LIBRARY.matcher(source);
        while (library.find()) {
            named.add(library.group(1));
        }
        return named;
    }

    /** Each main source file as its package and its text after the package line. */
    private static List<Map.Entry<String, String>> sources() throws IOException {
        List<Map.Entry<String, String>> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                if (declared.find()) {
                    sources.add(Map.entry(declared.group(1), source.substring(declared.end())));
                }
            }
        }
        return sources;
    }

    /** Package to the other {@code io.imstarter} packages its classes name. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (Map.Entry<String, String> source : sources()) {
            String from = source.getKey();
            Set<String> targets = dependencies.computeIfAbsent(from, key -> new TreeSet<>());
            Matcher reference = REFERENCE.matcher(source.getValue());
            while (reference.find()) {
                if (!reference.group(1).equals(from)) {
                    targets.add(reference.group(1));
                }
            }
        }
        return dependencies;
    }

    /** Every package that can reach itself, with the path that closes the loop. */
    private static List<String> cycles(Map<String, Set<String>> dependencies) {
        List<String> cycles = new ArrayList<>();
        for (String start : dependencies.keySet()) {
            List<String> path = new ArrayList<>(List.of(start));
            if (reachesItself(start, start, dependencies, path, new TreeSet<>())) {
                cycles.add(String.join(" -> ", path));
            }
        }
        return cycles;
    }

    private static boolean reachesItself(String start, String current, Map<String, Set<String>> dependencies,
            List<String> path, Set<String> seen) {
        for (String next : dependencies.getOrDefault(current, Set.of())) {
            path.add(next);
            if (next.equals(start) || (seen.add(next) && reachesItself(start, next, dependencies, path, seen))) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }
}
