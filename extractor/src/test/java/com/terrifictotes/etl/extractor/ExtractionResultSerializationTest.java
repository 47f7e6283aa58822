package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler's response goes through the Lambda runtime's own serialiser; it must come out as plain JSON. */
class ExtractionResultSerializationTest {
    @Test
    void theLambdaRuntimeSerialiserWritesTheResultAsPlainJson() throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("address", 0L);
        rows.put("sales_order", 12L);
        ExtractionResult result = new ExtractionResult(Outcome.PUBLISHED, 7,
                "manifests/ingestion-000000000007.json", "2025-06-01T12:00:00.123456", rows,
                Map.of("staff", 1L), List.of("table staff column email_address lost NOT NULL; a NULL is delivered as"
                + " NULL"), false);
        PojoSerializer<ExtractionResult> serializer = JacksonFactory.getInstance()
                .getSerializer(ExtractionResult.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        serializer.toJson(result, out);

        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("outcome").asText()).isEqualTo("PUBLISHED");
        assertThat(json.get("sequence").asLong()).isEqualTo(7);
        assertThat(json.get("manifestKey").asText()).isEqualTo("manifests/ingestion-000000000007.json");
        assertThat(json.get("windowHi").asText()).isEqualTo("2025-06-01T12:00:00.123456");
        assertThat(json.get("rows").get("sales_order").asLong()).isEqualTo(12);
        assertThat(json.get("rejected").get("staff").asLong()).isEqualTo(1);
        assertThat(json.get("schemaDrift").get(0).asText()).startsWith("table staff column email_address");
        assertThat(json.get("caughtUp").isBoolean()).isTrue();
        assertThat(json.get("caughtUp").asBoolean()).isFalse();
    }
}
