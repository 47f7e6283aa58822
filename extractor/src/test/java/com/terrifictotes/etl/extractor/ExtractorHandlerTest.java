package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda entry point end to end: real event JSON, secret from a Secrets Manager stand-in, real servers. */
class ExtractorHandlerTest {
    private final ScheduledEvent event = EventLoader.loadScheduledEvent("events/scheduled.json");

    @Test
    void aScheduledEventRunsAnExtractionWithTheCredentialsFromTheSecret() throws Exception {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 3);
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put("totes/totesys", bed.database.secretJson());
            ExtractorHandler handler = new ExtractorHandler(environment(bed), bed.s3, secrets.client(),
                    Clock.systemUTC());

            ExtractionResult first = handler.handleRequest(event, context());
            ExtractionResult second = handler.handleRequest(event, context());

            assertThat(first.outcome()).isEqualTo(Outcome.PUBLISHED);
            assertThat(first.manifestKey()).isEqualTo("manifests/ingestion-000000000001.json");
            assertThat(first.totalRows()).isEqualTo(bed.manifest(1).totalRows()).isPositive();
            assertThat(second.outcome()).isEqualTo(Outcome.NOTHING_NEW);
        }
    }

    @Test
    void aRotatedPasswordFailsWithAMessageThatHoldsNoCredential() throws Exception {
        ExtractionBed bed = ExtractionBed.create();
        String stale = "Stale-Pa55word";
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put("totes/totesys", bed.database.secretJson().replace(bed.database.password(), stale));
            ExtractorHandler handler = new ExtractorHandler(environment(bed), bed.s3, secrets.client(),
                    Clock.systemUTC());

            assertThatThrownBy(() -> handler.handleRequest(event, context()))
                    .isInstanceOf(SourceDatabaseException.class)
                    .hasMessageContaining(bed.database.name())
                    .hasMessageContaining("password authentication failed")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(stale)
                            .doesNotContain(bed.database.password()));

            // the secret is read at every invocation, so the rotated value is used at once
            secrets.put("totes/totesys", bed.database.secretJson());
            assertThat(handler.handleRequest(event, context()).outcome()).isEqualTo(Outcome.NOTHING_NEW);
        }
    }

    private static Map<String, String> environment(ExtractionBed bed) {
        Map<String, String> env = new HashMap<>();
        env.put("TOTESYS_SECRET_ID", "totes/totesys");
        env.put("INGESTION_BUCKET", bed.bucket);
        env.put("DB_SSLMODE", "disable");
        return env;
    }

    /** The context Lambda passes the extractor function. */
    private static InvocationContext context() {
        return InvocationContext.of("totes-etl-extractor");
    }
}
