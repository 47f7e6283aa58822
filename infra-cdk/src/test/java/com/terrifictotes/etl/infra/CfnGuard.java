package com.terrifictotes.etl.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cfn-guard binary and the AWS Control Tower proactive rules that the npm package
 * {@value #PACKAGE}@{@value #VERSION} bundles, run directly on a synthesised template. Not through the CDK plugin:
 * the bundled Control Tower rules ignore {@code Metadata.guard.SuppressedRules}, and the exit code of the plugin's
 * Node child would not fail a JUnit test. The package is installed with npm into {@code target/} on first use, so a
 * fresh clone needs no manual step (npm keeps its download in the user's npm cache).
 */
final class CfnGuard {
    static final String PACKAGE = "@cdklabs/cdk-validator-cfnguard";
    static final String VERSION = "0.0.62";
    /** The cfn-guard release the package pins (its guard-version.json). */
    static final String GUARD_VERSION = "3.1.1";
    /** cfn-guard validate: 0 when every rule passes, 19 when some rule fails; anything else is an error. */
    private static final int COMPLIANT = 0;
    private static final int NOT_COMPLIANT = 19;
    private static final Pattern CONTROL = Pattern.compile("\\[(CT\\.[A-Z0-9]+\\.PR\\.\\d+)]");
    private static final Path INSTALL = Path.of("target", "cfn-guard-" + VERSION).toAbsolutePath();

    /** One rule that a resource of the template does not satisfy. */
    record Finding(String rule, String control, String resource) {
    }

    /** What cfn-guard said of one template: the rules that failed, per resource, and the rules that passed. */
    record Report(List<Finding> findings, List<String> compliantRules) {
    }

    private CfnGuard() {
    }

    static synchronized Path packageDirectory() {
        Path directory = INSTALL.resolve("node_modules").resolve(PACKAGE);
        if (!Files.isRegularFile(directory.resolve("package.json"))) {
            run(List.of(npm(), "install", "--prefix", INSTALL.toString(), "--no-save", "--no-package-lock",
                    "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps", PACKAGE + "@" + VERSION),
                    300, "npm could not install " + PACKAGE + "@" + VERSION + " (Node.js and the npm registry or "
                            + "npm's cache are needed once)");
        }
        return directory;
    }

    static Path binary() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String platform = os.contains("linux") ? "ubuntu" : os.contains("mac") ? "macos" : null;
        String cpu = List.of("amd64", "x86_64").contains(arch) ? "x86_64"
                : List.of("aarch64", "arm64").contains(arch) ? "aarch64" : null;
        if (platform == null || cpu == null) {
            throw new IllegalStateException(PACKAGE + " ships cfn-guard for Linux and macOS on x86_64 and aarch64, "
                    + "not for " + os + " " + arch);
        }
        Path binary = packageDirectory().resolve("bin").resolve(platform).resolve(cpu).resolve("cfn-guard");
        if (!Files.isExecutable(binary) && !binary.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + binary + " executable");
        }
        return binary;
    }

    static Path controlTowerRules() {
        return packageDirectory().resolve("rules").resolve("control-tower").resolve("cfn-guard");
    }

    static String version() {
        return run(List.of(binary().toString(), "--version"), 60, "cfn-guard --version failed").stdout().trim();
    }

    /** Every Control Tower rule over one template. */
    static Report validate(Path template) {
        Result result = run(List.of(binary().toString(), "validate", "--rules", controlTowerRules().toString(),
                "--data", template.toString(), "--output-format", "json", "--show-summary", "none", "--structured"),
                120, null);
        if (result.exit() != COMPLIANT && result.exit() != NOT_COMPLIANT) {
            throw new IllegalStateException("cfn-guard exited " + result.exit() + " on " + template + ": "
                    + result.stderr());
        }
        try {
            return report(new ObjectMapper().readTree(result.stdout()));
        } catch (IOException e) {
            throw new UncheckedIOException("cfn-guard printed no JSON for " + template, e);
        }
    }

    static Report report(JsonNode output) {
        List<Finding> findings = new ArrayList<>();
        List<String> compliant = new ArrayList<>();
        for (JsonNode file : output) {
            file.path("compliant").forEach(rule -> compliant.add(rule.asText()));
            for (JsonNode failed : file.path("not_compliant")) {
                String rule = failed.at("/Rule/name").asText();
                Matcher control = CONTROL.matcher(failed.toString());
                String controlId = control.find() ? control.group(1) : "";
                List<String> resources = new ArrayList<>();
                collectResources(failed, resources);
                if (resources.isEmpty()) {
                    resources.add("");
                }
                resources.stream().distinct().forEach(r -> findings.add(new Finding(rule, controlId, r)));
            }
        }
        return new Report(findings, compliant);
    }

    /** The logical ids of every {@code /Resources/<id>/...} path a failed check names. */
    private static void collectResources(JsonNode node, List<String> resources) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            if (path != null && path.isTextual() && path.asText().startsWith("/Resources/")) {
                resources.add(path.asText().split("/")[2]);
            }
            node.elements().forEachRemaining(child -> collectResources(child, resources));
        } else if (node.isArray()) {
            node.forEach(child -> collectResources(child, resources));
        }
    }

    private static String npm() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win") ? "npm.cmd" : "npm";
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(List<String> command, int timeoutSeconds, String failure) {
        try {
            Path out = Files.createTempFile("cfn-guard", ".out");
            Path err = Files.createTempFile("cfn-guard", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                            + timeoutSeconds + " s");
                }
                Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
                if (failure != null && result.exit() != 0) {
                    throw new IllegalStateException(failure + ": exit " + result.exit() + "\n" + result.stdout()
                            + result.stderr());
                }
                return result;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(failure == null ? "cannot run " + command.get(0) : failure, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
