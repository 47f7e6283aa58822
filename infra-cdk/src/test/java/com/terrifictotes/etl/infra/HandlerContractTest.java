package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract between the handler classes (loaded by name from the three Lambda modules) and the stack: each handler
 * string names a class Lambda can call, and each function sets the environment its handler reads.
 */
class HandlerContractTest {
    /** Required variables of the fixed handler contract (notes/HELPERS.md); the rest of each list is optional. */
    private static final Map<LambdaModule, List<String>> REQUIRED = Map.of(
            LambdaModule.EXTRACTOR, List.of("TOTESYS_SECRET_ID", "INGESTION_BUCKET"),
            LambdaModule.TRANSFORMER, List.of("INGESTION_BUCKET", "PROCESSED_BUCKET"),
            LambdaModule.LOADER, List.of("PROCESSED_BUCKET", "WAREHOUSE_SECRET_ID"),
            LambdaModule.RECONCILER, List.of("TOTESYS_SECRET_ID", "WAREHOUSE_SECRET_ID", "INGESTION_BUCKET"));
    /** Set by the stack for Powertools and the JVM, read by libraries rather than by the handler's own code. */
    private static final Set<String> PLATFORM = Set.of("POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE",
            "POWERTOOLS_LOG_LEVEL", "JAVA_TOOL_OPTIONS");

    @Test
    void everyHandlerStringNamesAPublicRequestHandlerWithANoArgumentConstructor() throws Exception {
        SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
        for (LambdaModule module : LambdaModule.values()) {
            String handler = pipeline.resources.properties(pipeline.stack.function(module).function())
                    .path("Handler").asText();
            Class<?> type = Class.forName(handler);
            assertThat(RequestHandler.class.isAssignableFrom(type)).as(handler + " implements RequestHandler").isTrue();
            assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
            assertThat(Modifier.isAbstract(type.getModifiers())).isFalse();
            // the Lambda runtime instantiates the handler through its public no-argument constructor
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
        }
    }

    @Test
    void everyVariableAHandlerReadsIsSetOnItsFunctionWhenEverySettingIsGiven() throws Exception {
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        for (LambdaModule module : LambdaModule.values()) {
            assertThat(environment(configured, module).keySet()).as(module.moduleName())
                    .containsAll(handlerVariables(module));
        }
    }

    @Test
    void theRequiredVariablesAreSetWithDefaultSettingsToo() throws Exception {
        SynthesizedPipeline defaults = SynthesizedPipeline.DEFAULTS.get();
        for (LambdaModule module : LambdaModule.values()) {
            assertThat(handlerVariables(module)).as("the handler's own list").containsAll(REQUIRED.get(module));
            Map<String, JsonNode> environment = environment(defaults, module);
            assertThat(environment.keySet()).as(module.moduleName()).containsAll(REQUIRED.get(module));
            REQUIRED.get(module).forEach(name -> assertThat(environment.get(name).isNull()).isFalse());
        }
    }

    @Test
    void theStackSetsNoVariableItsHandlerDoesNotRead() throws Exception {
        for (SynthesizedPipeline pipeline : List.of(SynthesizedPipeline.DEFAULTS.get(),
                SynthesizedPipeline.CONFIGURED.get())) {
            for (LambdaModule module : LambdaModule.values()) {
                List<String> own = new ArrayList<>(environment(pipeline, module).keySet());
                own.removeAll(PLATFORM);
                assertThat(handlerVariables(module)).as(module.moduleName() + " reads").containsAll(own);
            }
        }
    }

    /** The handler's {@code public static final List<String> ENVIRONMENT_VARIABLES}. */
    @SuppressWarnings("unchecked")
    static List<String> handlerVariables(LambdaModule module) throws ReflectiveOperationException {
        Field field = Class.forName(module.handlerClass()).getField("ENVIRONMENT_VARIABLES");
        assertThat(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers())).isTrue();
        assertThat(field.getType()).isEqualTo(List.class);
        return (List<String>) field.get(null);
    }

    static Map<String, JsonNode> environment(SynthesizedPipeline pipeline, LambdaModule module) {
        Map<String, JsonNode> environment = new java.util.TreeMap<>();
        pipeline.resources.properties(pipeline.stack.function(module).function()).at("/Environment/Variables")
                .fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue()));
        return environment;
    }
}
