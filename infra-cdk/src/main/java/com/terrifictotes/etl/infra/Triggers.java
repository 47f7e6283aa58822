package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleProps;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * What starts each function. The schedule starts the {@link ExtractionChain}, which runs the extractor until it has
 * caught up (one run when there is little to read). The transformer and the loader run when a manifest
 * appears in the bucket before them: notifications filter on the manifest prefix and suffix, so data files never
 * trigger anything, and no function is triggered by the bucket it writes. Because S3 may drop an event, a daily
 * catch-up starts the {@link CatchUpChain}, which sends the two an S3 event with no records ("the oldest pending
 * batches") until each answers that it has caught up.
 */
public final class Triggers extends Construct {
    /** An S3 event with no records: the handlers' signal to look for pending manifests themselves. */
    public static final Map<String, Object> CATCH_UP_EVENT = Map.of("Records", List.of());
    /**
     * EventBridge retries a failed delivery (Step Functions' StartExecution, Lambda's Invoke), not a failed run: that
     * is each chain's own retries of Lambda's transient errors.
     */
    static final int DELIVERY_RETRIES = 2;
    static final Duration DELIVERY_MAX_AGE = Duration.hours(2);

    private final Rule extractorSchedule;
    private final Rule catchUp;

    public Triggers(Construct scope, String id, PipelineSettings settings, IQueue failureQueue,
                    IStateMachine extractionChain, IStateMachine catchUpChain, IFunction transformer,
                    IFunction loader, IBucket ingestion, IBucket processed) {
        super(scope, id);
        extractorSchedule = new Rule(this, "ExtractorSchedule", RuleProps.builder()
                .description("Starts the extraction chain: " + settings.schedule())
                .schedule(Schedule.expression(settings.schedule()))
                // the scheduled event is the execution's input, which the chain hands to every extractor run
                .targets(List.of(SfnStateMachine.Builder.create(extractionChain)
                        .deadLetterQueue(failureQueue)
                        .retryAttempts(DELIVERY_RETRIES)
                        .maxEventAge(DELIVERY_MAX_AGE)
                        .build()))
                .build());
        catchUp = new Rule(this, "DailyCatchUp", RuleProps.builder()
                .description("Daily catch-up: starts the catch-up chain, which runs the transformer and then the "
                        + "loader until each has caught up, healing a dropped S3 event within a day: "
                        + settings.catchUpSchedule())
                .schedule(Schedule.expression(settings.catchUpSchedule()))
                // the execution's input is the catch-up event, which the chain hands to every invocation
                .targets(List.of(SfnStateMachine.Builder.create(catchUpChain)
                        .input(RuleTargetInput.fromObject(CATCH_UP_EVENT))
                        .deadLetterQueue(failureQueue)
                        .retryAttempts(DELIVERY_RETRIES)
                        .maxEventAge(DELIVERY_MAX_AGE)
                        .build()))
                .build());
        NotificationKeyFilter manifests = NotificationKeyFilter.builder()
                .prefix(BucketLayout.MANIFEST_PREFIX)
                .suffix(BucketLayout.MANIFEST_SUFFIX)
                .build();
        ingestion.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(transformer), manifests);
        processed.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(loader), manifests);
    }

    public Rule extractorSchedule() {
        return extractorSchedule;
    }

    public Rule catchUp() {
        return catchUp;
    }
}
