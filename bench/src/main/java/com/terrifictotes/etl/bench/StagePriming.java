package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.extractor.ExtractorHandler;
import com.terrifictotes.etl.loader.LoaderHandler;
import com.terrifictotes.etl.testbed.lambda.SnapStartHooks;
import com.terrifictotes.etl.transformer.TransformerHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A stage as a function restored from its SnapStart snapshot runs it: before the timed call, the stage process builds
 * the function's handler (its no-argument constructor, as the Lambda runtime does) and runs its SnapStart hooks, which
 * load and run the function's code paths on one-row data answered in memory. The stack runs every function with
 * SnapStart, so this is the shape of a deployed invocation; without it ({@code --stage-primed} off) the stage process
 * is a cold JVM, as a function's first invocation without SnapStart.
 *
 * <p>The handler is built only for its hooks: the timed call still goes to the stage's plain service, with the
 * harness's servers. Its secret names are placeholders that nothing reads.
 */
final class StagePriming {
    /** Set in a stage process's environment to run its function's hooks before the timed call. */
    static final String PRIMED = "BENCH_PRIMED";
    private static final String UNREAD_SECRET = "bench-stage-secret-never-read";

    private StagePriming() {
    }

    /** What a stage's handlers need in their environment to be built: the Lambda variables the stack sets. */
    static Map<String, String> environment(StageCoordinates at) {
        Map<String, String> environment = new HashMap<>();
        environment.put(PRIMED, "true");
        environment.put("INGESTION_BUCKET", at.ingestionBucket());
        if (at.processedBucket() != null) {
            environment.put("PROCESSED_BUCKET", at.processedBucket());
        }
        environment.put("TOTESYS_SECRET_ID", UNREAD_SECRET);
        environment.put("WAREHOUSE_SECRET_ID", UNREAD_SECRET);
        environment.put("POWERTOOLS_SERVICE_NAME", "totes-etl-bench");
        environment.put("POWERTOOLS_METRICS_NAMESPACE", "totes-etl-bench");
        return environment;
    }

    static boolean requested(Map<String, String> environment) {
        return Boolean.parseBoolean(environment.get(PRIMED));
    }

    /** Builds the stage's functions' handlers and runs their SnapStart hooks; returns how many hooks ran. */
    static int prime(Stage stage) {
        int hooks = 0;
        for (Supplier<Object> handler : handlers(stage)) {
            hooks += SnapStartHooks.runBeforeCheckpoint(handler.get());
        }
        return hooks;
    }

    private static List<Supplier<Object>> handlers(Stage stage) {
        return switch (stage) {
            case EXTRACT -> List.of(ExtractorHandler::new);
            case TRANSFORM -> List.of(TransformerHandler::new);
            case LOAD -> List.of(LoaderHandler::new);
            case CYCLE -> List.of(ExtractorHandler::new, TransformerHandler::new, LoaderHandler::new);
        };
    }
}
