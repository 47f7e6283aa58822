package com.terrifictotes.etl.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./pipeline} script itself, as a newcomer meets it: a checkout with nothing built, started from another
 * directory, and the ways a machine can lack what it needs. Each run uses a copy of the script in a checkout of its
 * own; where a build is needed but not under test, a stand-in {@code mvnw} "builds" by pointing at this module's
 * real classes, so the tests stay fast and need no network.
 */
class PipelineScriptIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();
    private static final Path RUNTIME_CLASSPATH = Path.of("target", "runtime-classpath.txt").toAbsolutePath();

    @TempDir
    Path temp;

    private Path checkout;
    private Path elsewhere;

    @BeforeEach
    void freshCheckout() throws IOException {
        checkout = Files.createDirectories(temp.resolve("repo"));
        elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.copy(PROJECT.resolve("pipeline"), checkout.resolve("pipeline"));
    }

    @Test
    void twoCommandsStartedTogetherFromAnotherDirectoryOnAFreshCheckoutBuildOnceAndBothRun() throws Exception {
        Path builds = temp.resolve("builds.log");
        standInBuild(builds, 2);

        Process first = start(environment(), checkout.resolve("pipeline").toString(), "--help");
        Process second = start(environment(), checkout.resolve("pipeline").toString(), "--help");
        Result one = finish(first);
        Result two = finish(second);

        for (Result result : List.of(one, two)) {
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).as(result.toString()).contains("Usage: pipeline", "demo", "run", "seed");
        }
        assertThat(Files.readAllLines(builds)).as("the build lock lets one build, the other finds it fresh")
                .containsExactly("-B -ntp -pl local -am install -DskipTests -Dspotbugs.skip=true");

        Result third = run(environment(), checkout.resolve("pipeline").toString(), "--help");
        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(third.stderr()).as("nothing changed: no second build").doesNotContain("Building");
        assertThat(Files.readAllLines(builds)).hasSize(1);
    }

    @Test
    void aJavaOlderThanSeventeenIsNamedWithTheVersionFoundAndTheVersionNeeded() throws Exception {
        Path java11 = fakeJava("java11", "openjdk version \"11.0.22\" 2024-01-16");
        Path java8 = fakeJava("java8", "java version \"1.8.0_412\"");

        Result eleven = run(withPath(environment(), java11), "./pipeline", "demo");
        Result eight = run(withPath(environment(), java8), "./pipeline", "demo");

        assertOneErrorLine(eleven, "error: found Java 11.0.22 at " + java11.resolve("java")
                + "; ./pipeline needs a JDK 17 or newer");
        assertOneErrorLine(eight, "error: found Java 1.8.0_412 at " + java8.resolve("java")
                + "; ./pipeline needs a JDK 17 or newer");
    }

    @Test
    void noJavaOnThePathSaysThatAJdkSeventeenIsNeeded() throws Exception {
        Map<String, String> environment = environment();
        environment.put("PATH", pathWithout("java", "javac").toString());

        Result result = run(environment, "./pipeline", "demo");

        assertOneErrorLine(result, "error: no java on PATH: ./pipeline needs a JDK 17 or newer");
    }

    @Test
    void aJavaHomeThatPointsNowhereIsNamed() throws Exception {
        Map<String, String> environment = environment();
        environment.put("JAVA_HOME", temp.resolve("no-such-jdk").toString());

        Result result = run(environment, "./pipeline", "run");

        assertOneErrorLine(result, "error: JAVA_HOME is set to '" + temp.resolve("no-such-jdk")
                + "', which has no bin/java");
    }

    @Test
    void aJavaRuntimeWithoutJavacIsToldThatTheFirstBuildNeedsAJdk() throws Exception {
        Path jre = fakeJava("jre17", "openjdk version \"17.0.15\" 2025-04-15");
        Map<String, String> environment = environment();
        environment.put("PATH", jre + File.pathSeparator + pathWithout("java", "javac"));

        Result result = run(environment, "./pipeline", "seed");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderrLines()).as(result.toString()).containsExactly("error: found a Java runtime at "
                + jre.resolve("java") + " but no javac: the first run compiles the pipeline and needs a JDK 17"
                + " or newer, not only a JRE");
    }

    @Test
    void aMavenDistributionThatCannotBeDownloadedSaysTheFirstRunNeedsMavenCentral() throws Exception {
        copyWrapper();
        Map<String, String> environment = environment();
        environment.put("HOME", Files.createDirectories(temp.resolve("new-user")).toString());
        environment.put("MVNW_REPOURL", "http://127.0.0.1:9/maven2");

        Result result = run(environment, "./pipeline", "demo");

        assertNeedsMavenCentral(result);
    }

    @Test
    void dependenciesThatCannotBeDownloadedSayTheFirstRunNeedsMavenCentral() throws Exception {
        copyWrapper();
        try (Stream<Path> poms = Stream.concat(Stream.of(PROJECT.resolve("pom.xml")),
                Files.list(PROJECT).map(module -> module.resolve("pom.xml")).filter(Files::isRegularFile))) {
            for (Path pom : poms.toList()) {
                Path copy = checkout.resolve(PROJECT.relativize(pom));
                Files.createDirectories(copy.getParent());
                Files.copy(pom, copy);
            }
        }
        Path settings = Files.writeString(temp.resolve("settings.xml"), "<settings><mirrors><mirror><id>nowhere</id>"
                + "<mirrorOf>*</mirrorOf><url>http://127.0.0.1:9/maven2</url></mirror></mirrors></settings>");
        Map<String, String> environment = environment();
        environment.put("MAVEN_ARGS", "-s " + settings + " -Dmaven.repo.local=" + temp.resolve("empty-repository"));

        Result result = run(environment, "./pipeline", "run");

        assertNeedsMavenCentral(result);
        assertThat(Files.readString(checkout.resolve("target/pipeline-build.log")))
                .as("the build's own output is kept").contains("127.0.0.1:9");
    }

    private void assertNeedsMavenCentral(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderrLines()).as(result.toString()).hasSize(2);
        assertThat(result.stderrLines().get(0)).startsWith("Building the pipeline");
        assertThat(result.stderrLines().get(1)).startsWith("error: the build could not download its dependencies."
                + " The first run fetches Maven and the pipeline's dependencies from Maven Central"
                + " (https://repo.maven.apache.org) and needs access to it").endsWith("pipeline-build.log");
        assertThat(checkout.resolve("local/target/.pipeline-built")).as("a failed build stamps nothing")
                .doesNotExist();
    }

    private static void assertOneErrorLine(Result result, String start) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderrLines()).as(result.toString()).hasSize(1);
        assertThat(result.stderrLines().get(0)).startsWith(start);
    }

    /** An {@code mvnw} that records its arguments, takes a while, and leaves what the real build leaves. */
    private void standInBuild(Path builds, int seconds) throws IOException {
        String script = "#!/usr/bin/env bash\n"
                + "set -e\n"
                + "echo \"$*\" >> '" + builds + "'\n"
                + "sleep " + seconds + "\n"
                + "mkdir -p local/target\n"
                + "ln -sfn '" + CLASSES + "' local/target/classes\n"
                + "cp '" + RUNTIME_CLASSPATH + "' local/target/runtime-classpath.txt\n";
        executable(checkout.resolve("mvnw"), script);
    }

    private void copyWrapper() throws IOException {
        Files.copy(PROJECT.resolve("mvnw"), checkout.resolve("mvnw"));
        Path wrapper = Files.createDirectories(checkout.resolve(".mvn/wrapper"));
        Files.copy(PROJECT.resolve(".mvn/wrapper/maven-wrapper.properties"),
                wrapper.resolve("maven-wrapper.properties"));
    }

    /** A directory holding only a {@code java} that prints {@code banner} as {@code java -version} does. */
    private Path fakeJava(String name, String banner) throws IOException {
        Path bin = Files.createDirectories(temp.resolve(name));
        executable(bin.resolve("java"), "#!/bin/sh\necho '" + banner + "' >&2\n");
        return bin;
    }

    /** A PATH of one directory linking every command of this machine's PATH but the ones named. */
    private Path pathWithout(String... commands) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("path-without-java"));
        Set<String> left = Set.of(commands);
        for (String directory : System.getenv("PATH").split(File.pathSeparator)) {
            Path dir = Path.of(directory);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    Path link = bin.resolve(entry.getFileName().toString());
                    if (!left.contains(entry.getFileName().toString()) && Files.isExecutable(entry)
                            && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, entry);
                    }
                }
            }
        }
        return bin;
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "LANG")) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        return environment;
    }

    private static Map<String, String> withPath(Map<String, String> environment, Path first) {
        environment.put("PATH", first + File.pathSeparator + environment.get("PATH"));
        return environment;
    }

    private record Result(int exitCode, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Result run(Map<String, String> environment, String... command) throws Exception {
        return finish(start(environment, command));
    }

    /** Runs in {@link #elsewhere} unless the command is {@code ./pipeline}, which runs in the checkout. */
    private Process start(Map<String, String> environment, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(command));
        Path directory = line.get(0).startsWith("./") ? checkout : elsewhere;
        ProcessBuilder builder = new ProcessBuilder(line).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static Result finish(Process process) throws Exception {
        var stdout = process.getInputStream();
        var stderr = process.getErrorStream();
        byte[][] out = new byte[2][];
        Thread reader = new Thread(() -> {
            try {
                out[1] = stderr.readAllBytes();
            } catch (IOException e) {
                out[1] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        out[0] = stdout.readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the script still runs after 2 minutes");
        }
        reader.join();
        return new Result(process.exitValue(), new String(out[0], StandardCharsets.UTF_8),
                new String(out[1], StandardCharsets.UTF_8));
    }
}
