package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.db.DatabaseSecret;
import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSecretsTest {
    @Test
    void withoutNamesTwoSecretsAreCreatedInTheRdsShapeWithEmptyFields() throws Exception {
        SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
        Map<String, JsonNode> secrets = pipeline.resources.ofType("AWS::SecretsManager::Secret");
        assertThat(secrets).hasSize(2);
        for (JsonNode secret : secrets.values()) {
            JsonNode generator = secret.at("/Properties/GenerateSecretString");
            JsonNode fields = new ObjectMapper().readTree(generator.path("SecretStringTemplate").asText());
            assertThat(fields.fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("host", "port", "dbname", "username");
            assertThat(fields.path("host").asText()).isEmpty();
            assertThat(fields.path("username").asText()).isEmpty();
            assertThat(generator.path("GenerateStringKey").asText()).isEqualTo("password");
        }
        assertThat(secrets.values().stream().map(s -> s.at("/Properties/Name").asText()))
                .containsExactlyInAnyOrder("totes-etl/dev/totesys", "totes-etl/dev/warehouse");
    }

    @Test
    void thePlaceholderIsRefusedByTheFunctionsWithAMessageNamingTheSecret() throws Exception {
        // what the functions see before the operator puts the real value: the template plus a generated password
        String placeholder = new ObjectMapper().readTree(DatabaseSecrets.PLACEHOLDER_TEMPLATE)
                .deepCopy().toString().replace("}", ",\"password\":\"generated\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DatabaseSecret.parse("totes-etl/dev/totesys", placeholder))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("totes-etl/dev/totesys")
                .hasMessageContaining("host")
                .hasMessageNotContaining("generated");
    }

    @Test
    void noSecretValueIsEverWrittenIntoTheTemplate() {
        for (SynthesizedPipeline pipeline : List.of(SynthesizedPipeline.DEFAULTS.get(),
                SynthesizedPipeline.CONFIGURED.get())) {
            pipeline.resources.ofType("AWS::SecretsManager::Secret").values().forEach(secret ->
                    assertThat(secret.path("Properties").has("SecretString")).isFalse());
            assertThat(containsKey(pipeline.resources.root(), "SecretString")).isFalse();
            assertThat(pipeline.resources.root().toString()).doesNotContainIgnoringCase("\"password\":\"");
        }
    }

    @Test
    void namedSecretsAreImportedNotCreatedAndTheFunctionsAreGivenTheirNames() {
        SynthesizedPipeline pipeline = SynthesizedPipeline.CONFIGURED.get();
        assertThat(pipeline.resources.ofType("AWS::SecretsManager::Secret")).isEmpty();
        assertThat(environment(pipeline, LambdaModule.EXTRACTOR).path("TOTESYS_SECRET_ID").asText())
                .isEqualTo("totesys/readonly");
        assertThat(environment(pipeline, LambdaModule.LOADER).path("WAREHOUSE_SECRET_ID").asText())
                .isEqualTo("warehouse/loader");
    }

    @Test
    void createdSecretsArePassedToTheFunctionsByReference() {
        SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
        assertThat(Resources.referenced(environment(pipeline, LambdaModule.EXTRACTOR).path("TOTESYS_SECRET_ID")))
                .isEqualTo(Resources.logicalId(pipeline.stack.secrets().totesys().secret()));
        assertThat(Resources.referenced(environment(pipeline, LambdaModule.LOADER).path("WAREHOUSE_SECRET_ID")))
                .isEqualTo(Resources.logicalId(pipeline.stack.secrets().warehouse().secret()));
    }

    static JsonNode environment(SynthesizedPipeline pipeline, LambdaModule module) {
        return pipeline.resources.properties(pipeline.stack.function(module).function()).at("/Environment/Variables");
    }

    private static boolean containsKey(JsonNode node, String key) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(key) || containsKey(field.getValue(), key)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (containsKey(item, key)) {
                    return true;
                }
            }
        }
        return false;
    }
}
