package com.terrifictotes.etl.local.reliability;

import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a handler in a JVM of its own through {@link HandlerLaunch}, with exactly the function's environment
 * (nothing inherited), against the test bed's S3 server and a Secrets Manager stand-in, and keeps every byte it
 * printed on standard output and standard error: all its log lines, metrics and error reports.
 */
final class LambdaProcesses {
    private static final long TIMEOUT_SECONDS = 180;

    private final Path work;
    private final Map<String, String> common = new HashMap<>();

    /** One invocation: the function, its exit status and everything it printed. */
    record Invocation(String name, int exitStatus, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    LambdaProcesses(Path work, SecretsManagerStandIn secretsManager) throws IOException {
        this.work = work;
        TestBed bed = TestBed.shared();
        common.put("AWS_REGION", bed.s3Region());
        common.put("AWS_ACCESS_KEY_ID", bed.s3AccessKey());
        common.put("AWS_SECRET_ACCESS_KEY", bed.s3SecretKey());
        common.put("AWS_ENDPOINT_URL_S3", bed.s3Endpoint().toString());
        common.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint().toString());
        common.put("POWERTOOLS_METRICS_NAMESPACE", "TotesEtl");
        common.put("POWERTOOLS_LOG_LEVEL", "DEBUG");
        common.put("LOG_LEVEL", "DEBUG");
        common.put("HOME", Files.createDirectories(work.resolve("home")).toString());
    }

    /** Runs {@code handler} once with the event {@code event} ({@code scheduled} or {@code catch-up}). */
    Invocation invoke(String name, String function, String handler, String event, Map<String, String> variables)
            throws IOException, InterruptedException {
        Path output = work.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + ".out");
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", testClassPath(),
                HandlerLaunch.class.getName(), handler, event)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        process.environment().clear();
        process.environment().putAll(common);
        process.environment().put("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-" + function);
        process.environment().put("POWERTOOLS_SERVICE_NAME", function);
        process.environment().putAll(variables);
        Process running = process.start();
        boolean finished = running.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            running.destroyForcibly();
        }
        return new Invocation(name, finished ? running.exitValue() : -1,
                Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Surefire may run tests from a manifest-only jar; it publishes the real class path separately. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }
}
