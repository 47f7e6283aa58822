package com.terrifictotes.etl.extractor;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Instant;
import java.util.List;

/**
 * What the EventBridge schedule tells about an invocation, for the logs. The extractor needs nothing from the event
 * to do its work (its state is the latest manifest), so a manual invocation with an empty event runs the same way.
 *
 * @param time the scheduled time, or null when the event has none
 * @param rule the rule's ARN, or null
 */
public record ScheduledTrigger(String id, String source, Instant time, String rule) {
    public static ScheduledTrigger from(ScheduledEvent event) {
        if (event == null) {
            return new ScheduledTrigger(null, null, null, null);
        }
        Instant time = event.getTime() == null ? null : Instant.ofEpochMilli(event.getTime().getMillis());
        List<String> resources = event.getResources();
        String rule = resources == null || resources.isEmpty() ? null : resources.get(0);
        return new ScheduledTrigger(event.getId(), event.getSource(), time, rule);
    }
}
