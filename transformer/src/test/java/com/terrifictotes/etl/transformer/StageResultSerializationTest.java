package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.runtime.StageResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transformer's and the loader's answer goes through the Lambda runtime's own serialiser, and the catch-up state
 * machine loops on its {@code caughtUp}: it must come out as plain JSON with those names.
 */
class StageResultSerializationTest {
    @Test
    void theLambdaRuntimeSerialiserWritesTheAnswerTheCatchUpChainReads() throws Exception {
        StageResult result = new StageResult("batches [4 TRANSFORMED]; stopped at MAX_ROWS_PER_INVOCATION, batches"
                + " still pending", List.of(4L), 1_999_998, false);
        PojoSerializer<StageResult> serializer = JacksonFactory.getInstance().getSerializer(StageResult.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        serializer.toJson(result, out);

        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get(StageResult.CAUGHT_UP).isBoolean()).isTrue();
        assertThat(json.get(StageResult.CAUGHT_UP).asBoolean()).isFalse();
        assertThat(json.get("committed").isArray()).isTrue();
        assertThat(json.get("committed").get(0).asLong()).isEqualTo(4);
        assertThat(json.get("rows").asLong()).isEqualTo(1_999_998);
        assertThat(json.get("summary").asText()).startsWith("batches [4 TRANSFORMED]");
    }
}
