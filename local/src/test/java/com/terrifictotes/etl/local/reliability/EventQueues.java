package com.terrifictotes.etl.local.reliability;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.testbed.lambda.LambdaEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The S3 notifications on their way to the transformer and the loader, delivered the way the issue fears they are:
 * late, out of order, twice, or never; and now and then the daily catch-up (no records) among them.
 */
final class EventQueues {
    private final LocalPipeline notifier;
    private final List<S3Event> toTransform = new ArrayList<>();
    private final List<S3Event> toLoad = new ArrayList<>();

    /** @param notifier a pipeline over the rig, used only to see which manifests appeared */
    EventQueues(LocalPipeline notifier) {
        this.notifier = notifier;
    }

    /** Adds a notification for every manifest that appeared since the last look, whatever its writer saw. */
    void collect() {
        toTransform.addAll(notifier.pendingIngestionEvents());
        toLoad.addAll(notifier.pendingProcessedEvents());
    }

    List<S3Event> drawForTransformer(Random random) {
        return draw(random, toTransform);
    }

    List<S3Event> drawForLoader(Random random) {
        return draw(random, toLoad);
    }

    /** A failed invocation's event: Lambda retries it later, or gives up and sends it to the failure queue. */
    void failed(Random random, S3Event event, boolean transformer) {
        if (random.nextBoolean()) {
            (transformer ? toTransform : toLoad).add(event);
        }
    }

    /** Takes this round's deliveries: most queued events, some twice, some left for later, some lost; shuffled. */
    private static List<S3Event> draw(Random random, List<S3Event> queue) {
        List<S3Event> deliveries = new ArrayList<>();
        List<S3Event> later = new ArrayList<>();
        for (S3Event event : queue) {
            double fate = random.nextDouble();
            if (fate < 0.15) {
                continue; // lost
            }
            if (fate < 0.35) {
                later.add(event);
                continue;
            }
            deliveries.add(event);
            if (random.nextDouble() < 0.25) {
                deliveries.add(event);
            }
        }
        if (random.nextDouble() < 0.15) {
            deliveries.add(LambdaEvents.catchUp());
        }
        queue.clear();
        queue.addAll(later);
        Collections.shuffle(deliveries, random);
        return deliveries;
    }
}
