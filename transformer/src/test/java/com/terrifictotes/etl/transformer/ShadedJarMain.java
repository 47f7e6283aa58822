package com.terrifictotes.etl.transformer;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.util.List;

/**
 * Runs the deployable jar as Lambda would, in a JVM whose class path is target/transformer.jar (plus this class and
 * {@link TestContext}): the no-argument handler reads its configuration from the environment, primes itself as before
 * a SnapStart checkpoint, then handles the daily catch-up event. Exits non-zero on any failure.
 */
public final class ShadedJarMain {
    private ShadedJarMain() {
    }

    public static void main(String[] args) {
        TransformerHandler handler = new TransformerHandler();
        handler.beforeCheckpoint(null);
        String answer = handler.handleRequest(new S3Event(List.of()), new TestContext());
        System.out.println("SHADED-JAR-ANSWER " + answer);
    }
}
