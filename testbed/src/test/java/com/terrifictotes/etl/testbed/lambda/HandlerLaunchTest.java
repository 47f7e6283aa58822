package com.terrifictotes.etl.testbed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.crac.Resource;
import org.joda.time.DateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as the cold-start bench and the jar tests run it: from its own jar, in a JVM whose class path holds
 * nothing else but the Lambda libraries a deployable jar carries and the handler (here from the test classes, which
 * hold none of this module's main classes). A class the launcher needed from elsewhere would fail to load here.
 */
class HandlerLaunchTest {
    @TempDir
    Path work;

    /** One launch: exit status and every line printed. */
    private record Launch(int exitStatus, List<String> lines) {
    }

    @Test
    void runsTheHandlerOnceWithTheScheduledEventAfterItsSnapStartHookAndSaysWhenItReturned() throws Exception {
        Launch launch = launch(Map.of(), "scheduled", "prime");

        assertThat(launch.exitStatus()).as(String.join("\n", launch.lines())).isZero();
        assertThat(launch.lines()).anyMatch(line -> line.startsWith(HandlerLaunch.RETURNED + " construct_ms=")
                && line.contains(" handle_ms=") && line.endsWith(" priming_resources=1"));
        assertThat(launch.lines()).last().isEqualTo(HandlerLaunch.RESULT + "ScheduledEvent for totes-etl-echo, primed");
    }

    @Test
    void sendsTheCatchUpEventAndLeavesTheHookAloneUnlessAskedToPrime() throws Exception {
        Launch launch = launch(Map.of(), "catch-up");

        assertThat(launch.exitStatus()).as(String.join("\n", launch.lines())).isZero();
        assertThat(launch.lines()).last().isEqualTo(HandlerLaunch.RESULT + "S3Event for totes-etl-echo");
    }

    @Test
    void reportsAFailureAsTheLambdaRuntimeDoesAndExitsWithStatusOne() throws Exception {
        Launch launch = launch(Map.of("ECHO_FAILS_WITH", "the warehouse is unreachable"), "catch-up");

        assertThat(launch.exitStatus()).isEqualTo(1);
        assertThat(launch.lines()).contains("{\"errorMessage\":\"the warehouse is unreachable\","
                + "\"errorType\":\"java.lang.IllegalStateException\"}");
        assertThat(launch.lines()).noneMatch(line -> line.startsWith(HandlerLaunch.RETURNED));
    }

    private Launch launch(Map<String, String> variables, String... eventAndFlags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath(), HandlerLaunch.class.getName(), EchoHandler.class.getName()));
        command.addAll(List.of(eventAndFlags));
        Path output = work.resolve("launch.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-echo");
        builder.environment().put("AWS_REGION", "eu-west-2");
        builder.environment().putAll(variables);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launch finished within a minute").isTrue();
        return new Launch(process.exitValue(), Files.readAllLines(output, StandardCharsets.UTF_8));
    }

    /** The launcher's jar, the four libraries every Lambda jar carries, and the test classes for the handler. */
    private String classPath() throws Exception {
        List<String> entries = new ArrayList<>();
        entries.add(LaunchJar.write(work.resolve("handler-launch.jar")).toString());
        for (Class<?> library : List.of(Context.class, S3Event.class, DateTime.class, Resource.class)) {
            entries.add(Path.of(library.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        entries.add(Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        return String.join(File.pathSeparator, entries);
    }
}
