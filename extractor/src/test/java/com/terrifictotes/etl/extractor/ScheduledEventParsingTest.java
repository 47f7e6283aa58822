package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduledEventParsingTest {
    @Test
    void readsTheRuleAndTimeOfARealEventBridgeScheduledEvent() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/scheduled.json");

        ScheduledTrigger trigger = ScheduledTrigger.from(event);

        assertThat(trigger.id()).isEqualTo("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
        assertThat(trigger.source()).isEqualTo("aws.events");
        assertThat(trigger.time()).isEqualTo(Instant.parse("2015-10-08T16:53:06Z"));
        assertThat(trigger.rule())
                .isEqualTo("arn:aws:events:eu-west-2:123456789012:rule/totes-etl-extract-every-20-minutes");
    }

    @Test
    void acceptsAnEmptyManualInvocationEvent() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/manual-empty.json");

        ScheduledTrigger trigger = ScheduledTrigger.from(event);

        assertThat(trigger).isEqualTo(new ScheduledTrigger(null, null, null, null));
        assertThat(ScheduledTrigger.from(null)).isEqualTo(trigger);
    }
}
