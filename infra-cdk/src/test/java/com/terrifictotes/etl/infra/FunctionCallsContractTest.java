package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import com.terrifictotes.etl.testbed.lambda.JavaRuntimes;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import com.terrifictotes.etl.transformer.BatchReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract between what each function's code calls and what its role allows. The handlers run as Lambda would run
 * them: each in a process of its own, built by its no-argument constructor from exactly the environment the
 * synthesised template gives its function (references resolved to a real S3 server's buckets and to secrets served
 * by a Secrets Manager stand-in), over two rounds (a full load, then a day of changes), on the stack's Java 25
 * where the machine has it, then the reconciler after a change no window sees. Every AWS call they make is recorded by
 * an SDK interceptor and checked against the function's synthesised IAM policy. The metrics the four print (EMF) are
 * checked against the dashboard and the alarms in the same way.
 */
class FunctionCallsContractTest {
    private static final String TOTESYS_SECRET_ARN =
            "arn:aws:secretsmanager:eu-west-2:123456789012:secret:totes-etl/dev/totesys-Ab12Cd";
    private static final String WAREHOUSE_SECRET_ARN =
            "arn:aws:secretsmanager:eu-west-2:123456789012:secret:totes-etl/dev/warehouse-Ef34Gh";
    private static final int ROUNDS = 2;

    private static SynthesizedPipeline pipeline;
    private static SecretsManagerStandIn secretsManager;
    private static Database warehouse;
    private static final Map<String, String> RESOURCE_BY_NAME = new HashMap<>();
    private static final Map<LambdaModule, List<Call>> CALLS = new EnumMap<>(LambdaModule.class);
    private static final Map<LambdaModule, StringBuilder> PRINTED = new EnumMap<>(LambdaModule.class);
    private static Path workDirectory;

    /** One AWS API call: service, operation and the request's bucket, key, prefix or secret id. */
    record Call(String service, String operation, String bucket, String key, String prefix, String secretId) {
        static Call parse(String line) {
            String[] f = line.split("\t", -1);
            return new Call(f[0], f[1], f[2], f[3], f[4], f[5]);
        }
    }

    @BeforeAll
    static void runThePipelineTwiceAsLambdaWould() throws Exception {
        pipeline = SynthesizedPipeline.DEFAULTS.get();
        TestBed bed = TestBed.shared();
        Database totesys = bed.createToteSysDatabase();
        ToteSysGenerator.seed(totesys.dataSource(), 1, 20261121L);
        warehouse = bed.createWarehouseDatabase();
        secretsManager = new SecretsManagerStandIn();
        secretsManager.put(TOTESYS_SECRET_ARN, totesys.secretJson());
        secretsManager.put(WAREHOUSE_SECRET_ARN, warehouse.secretJson());
        String ingestion = bed.createBucket("ingestion");
        String processed = bed.createBucket("processed");
        RESOURCE_BY_NAME.put(ingestion, Resources.logicalId(pipeline.stack.buckets().ingestion()));
        RESOURCE_BY_NAME.put(processed, Resources.logicalId(pipeline.stack.buckets().processed()));
        RESOURCE_BY_NAME.put(TOTESYS_SECRET_ARN, Resources.logicalId(pipeline.stack.secrets().totesys().secret()));
        RESOURCE_BY_NAME.put(WAREHOUSE_SECRET_ARN,
                Resources.logicalId(pipeline.stack.secrets().warehouse().secret()));
        workDirectory = TemporaryDirectories.create("calls");
        for (LambdaModule module : LambdaModule.values()) {
            CALLS.put(module, new ArrayList<>());
            PRINTED.put(module, new StringBuilder());
        }
        for (int round = 1; round <= ROUNDS; round++) {
            if (round > 1) {
                DayOfChanges.apply(totesys.dataSource(), round, LocalDateTime.now(ZoneOffset.UTC));
            }
            invoke(LambdaModule.EXTRACTOR, "scheduled", round);
            invoke(LambdaModule.TRANSFORMER, "catch-up", round);
            invoke(LambdaModule.LOADER, "catch-up", round);
        }
        try (Connection connection = totesys.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE design SET design_name = 'renamed by hand'"
                    + " WHERE design_id = (SELECT min(design_id) FROM design)");
        }
        invoke(LambdaModule.RECONCILER, "scheduled", ROUNDS);
    }

    @AfterAll
    static void stopTheStandIn() {
        if (secretsManager != null) {
            secretsManager.close();
        }
    }

    @Test
    void theFunctionsCallNothingButS3AndSecretsManager() {
        CALLS.values().forEach(calls -> assertThat(calls).extracting(Call::service).isSubsetOf("S3", "SecretsManager"));
    }

    @Test
    void everyS3CallOfEachFunctionIsAllowedByItsRole() {
        for (LambdaModule module : LambdaModule.values()) {
            RolePolicy policy = policy(module);
            List<Call> s3 = CALLS.get(module).stream().filter(c -> c.service().equals("S3")).toList();
            assertThat(s3).as(module.moduleName() + " made S3 calls").isNotEmpty();
            assertThat(s3).allSatisfy(call -> assertThat(policy.allows(s3Action(call), s3Resource(call)))
                    .as("%s: %s (%s on %s)", module.moduleName(), call, s3Action(call), s3Resource(call)).isTrue());
        }
    }

    @Test
    void eachDatabaseFunctionReadsOnlyItsOwnSecretAndItsRoleAllowsIt() {
        assertThat(secretIds(LambdaModule.EXTRACTOR)).containsOnly(TOTESYS_SECRET_ARN);
        assertThat(secretIds(LambdaModule.LOADER)).containsOnly(WAREHOUSE_SECRET_ARN);
        assertThat(secretIds(LambdaModule.TRANSFORMER)).isEmpty();
        assertThat(secretIds(LambdaModule.RECONCILER)).containsExactlyInAnyOrder(TOTESYS_SECRET_ARN,
                WAREHOUSE_SECRET_ARN);
        for (LambdaModule module : LambdaModule.values()) {
            RolePolicy policy = policy(module);
            CALLS.get(module).stream().filter(c -> c.service().equals("SecretsManager")).forEach(call -> {
                assertThat(call.operation()).isEqualTo("GetSecretValue");
                assertThat(policy.allows("secretsmanager:GetSecretValue",
                        "${" + RESOURCE_BY_NAME.get(call.secretId()) + "}")).as(module + " " + call).isTrue();
            });
        }
    }

    @Test
    void theCallsAreTheWholeRunBecauseDataReachedTheWarehouse() throws Exception {
        assertThat(keysWritten(LambdaModule.EXTRACTOR)).anyMatch(k -> k.startsWith("data/"))
                .anyMatch(k -> k.startsWith("manifests/ingestion-"));
        assertThat(keysWritten(LambdaModule.TRANSFORMER)).anyMatch(k -> k.startsWith("tables/"))
                .anyMatch(k -> k.startsWith("state/")).anyMatch(k -> k.startsWith("manifests/processed-"));
        assertThat(keysRead(LambdaModule.TRANSFORMER)).as("the second round reads the first round's state")
                .anyMatch(k -> k.startsWith("state/"));
        assertThat(keysRead(LambdaModule.LOADER)).anyMatch(k -> k.startsWith("tables/"));
        assertThat(keysWritten(LambdaModule.RECONCILER)).as("the reconciliation batch")
                .anyMatch(k -> k.startsWith("data/design/")).contains("manifests/ingestion-000000000003.json");
        try (Connection connection = warehouse.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM fact_sales_order")) {
            rows.next();
            assertThat(rows.getLong(1)).isPositive();
        }
    }

    @Test
    void theFreshnessAlarmWatchesExactlyTheMetricTheExtractorEmits() throws Exception {
        assertThat(alarmWatchesWhatIsEmitted(Alerting.FRESHNESS_METRIC, LambdaModule.EXTRACTOR))
                .as("EMF documents with the freshness lag, one per run").hasSize(ROUNDS);
    }

    @Test
    void theWarehouseFreshnessAlarmWatchesExactlyTheMetricTheLoaderEmitsOnEveryInvocation() throws Exception {
        assertThat(alarmWatchesWhatIsEmitted(Alerting.LOAD_BACKLOG_AGE_METRIC, LambdaModule.LOADER)).isNotEmpty();
    }

    @Test
    void theBacklogAlarmWatchesExactlyTheMetricTheTransformerEmitsOnEveryInvocation() throws Exception {
        assertThat(alarmWatchesWhatIsEmitted(Alerting.TRANSFORM_BACKLOG_METRIC, LambdaModule.TRANSFORMER))
                .isNotEmpty();
    }

    @Test
    void theVerificationAlarmsWatchExactlyWhatTheLoadersCatchUpEmitsAndEachRoundIsConsistent() throws Exception {
        assertThat(alarmWatchesWhatIsEmitted(Alerting.DIFFERENCES_METRIC, LambdaModule.LOADER))
                .as("one verification per catch-up, each finding the warehouse consistent").hasSize(ROUNDS)
                .allSatisfy(document -> assertThat(document.path(Alerting.DIFFERENCES_METRIC).asDouble()).isZero());
        assertThat(alarmWatchesWhatIsEmitted(Alerting.VERIFICATION_FAILED_METRIC, LambdaModule.LOADER))
                .hasSize(ROUNDS).allSatisfy(document -> assertThat(document.path(Alerting.VERIFICATION_FAILED_METRIC)
                        .asDouble()).isZero());
    }

    @Test
    void theReconciliationAlarmsWatchExactlyTheMetricTheReconcilerEmits() throws Exception {
        assertThat(alarmWatchesWhatIsEmitted(Reconciliation.METRIC, LambdaModule.RECONCILER))
                .as("EMF documents with the rows reconciled, one per run").hasSize(1);
    }

    /**
     * The run-level EMF documents of {@code module} carrying {@code metric} (per-table ones carry a second
     * dimension), each checked against the namespace and dimensions of every alarm on the metric.
     */
    private List<JsonNode> alarmWatchesWhatIsEmitted(String metric, LambdaModule module) throws Exception {
        List<JsonNode> alarms = pipeline.resources.ofType("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> a.path("Properties"))
                .filter(a -> a.path("MetricName").asText().equals(metric))
                .toList();
        assertThat(alarms).as("alarms on " + metric).isNotEmpty();
        List<JsonNode> emitted = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : PRINTED.get(module).toString().split("\\R")) {
            if (line.startsWith("{") && line.contains("\"_aws\"") && line.contains(metric)) {
                JsonNode document = json.readTree(line);
                if (document.at("/_aws/CloudWatchMetrics/0/Dimensions/0").size() == 1) {
                    emitted.add(document);
                }
            }
        }
        for (JsonNode alarm : alarms) {
            assertMatches(alarm, emitted, metric);
        }
        return emitted;
    }

    private static void assertMatches(JsonNode alarm, List<JsonNode> emitted, String metric) {
        for (JsonNode document : emitted) {
            JsonNode directive = document.at("/_aws/CloudWatchMetrics/0");
            assertThat(directive.path("Namespace").asText()).isEqualTo(alarm.path("Namespace").asText());
            List<String> dimensionNames = new ArrayList<>();
            directive.at("/Dimensions/0").forEach(d -> dimensionNames.add(d.asText()));
            List<String> alarmDimensions = new ArrayList<>();
            alarm.path("Dimensions").forEach(d -> alarmDimensions.add(d.path("Name").asText()));
            assertThat(dimensionNames).containsExactlyInAnyOrderElementsOf(alarmDimensions);
            alarm.path("Dimensions").forEach(d -> assertThat(document.path(d.path("Name").asText()).asText())
                    .isEqualTo(d.path("Value").asText()));
            assertThat(document.path(metric).isNumber()).isTrue();
        }
    }

    @Test
    void everyPipelineMetricOnTheDashboardOrInAnAlarmIsOneTheFunctionsEmit() throws Exception {
        Set<String> emitted = emittedMetrics();
        List<String> charted = DashboardTest.allMetrics(pipeline).stream()
                .filter(m -> m.namespace().equals(EtlFunction.METRICS_NAMESPACE))
                .map(m -> identity(m.name(), m.dimensions())).toList();
        List<String> alarmed = new ArrayList<>();
        pipeline.resources.ofType("AWS::CloudWatch::Alarm").values().stream().map(a -> a.path("Properties"))
                .filter(a -> a.path("Namespace").asText().equals(EtlFunction.METRICS_NAMESPACE))
                .forEach(a -> {
                    Map<String, String> dimensions = new TreeMap<>();
                    a.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(),
                            d.path("Value").asText()));
                    alarmed.add(identity(a.path("MetricName").asText(), dimensions));
                });
        assertThat(alarmed).hasSize(9);
        // a batch that another invocation had already committed is the one outcome two clean rounds never produce,
        // and the extractor counts drift and rejects only when there are some, the reconciler rows only for a table
        // with some (one design renamed here) and failed runs only when one fails
        String alreadyDone = identity("Batches", Map.of("Outcome", BatchReport.Outcome.ALREADY_DONE.name(),
                "Service", "transformer"));
        assertThat(charted).isNotEmpty().contains(alreadyDone);
        assertThat(emitted).containsAll(charted.stream().filter(m -> !m.equals(alreadyDone))
                        .filter(m -> !onlyOnDriftOrReject(m)).filter(m -> !onlyForAReconciledTable(m)).toList())
                .containsAll(alarmed);
        assertThat(emitted).contains(identity("Batches", Map.of("Outcome", BatchReport.Outcome.TRANSFORMED.name(),
                "Service", "transformer")));
    }

    @Test
    void everyMetricNameTheFunctionsEmitIsOnTheDashboard() throws Exception {
        Set<String> chartedNames = DashboardTest.allMetrics(pipeline).stream()
                .filter(m -> m.namespace().equals(EtlFunction.METRICS_NAMESPACE))
                .map(DashboardTest.ChartedMetric::name).collect(Collectors.toSet());
        Set<String> emittedNames = emittedMetrics().stream().map(m -> m.substring(0, m.indexOf(' ')))
                .collect(Collectors.toSet());
        assertThat(emittedNames).hasSizeGreaterThanOrEqualTo(12);
        assertThat(chartedNames).containsAll(emittedNames);
        assertThat(chartedNames.stream().filter(name -> !emittedNames.contains(name)))
                .as("charted, though two clean rounds never emit them").containsExactlyInAnyOrder(
                        DRIFT_METRIC, PipelineDashboard.EXTRACTOR_REJECTS_METRIC,
                        PipelineDashboard.RECONCILER_FAILURES_METRIC);
    }

    private static final String DRIFT_METRIC = "SchemaDriftWarnings";

    private static boolean onlyForAReconciledTable(String identity) {
        return identity.startsWith(Reconciliation.METRIC + " {Service=reconciler, Table=")
                && !identity.contains("Table=dim_design}");
    }

    private static boolean onlyOnDriftOrReject(String identity) {
        return identity.startsWith(DRIFT_METRIC + " ")
                || identity.startsWith(PipelineDashboard.EXTRACTOR_REJECTS_METRIC + " ")
                || identity.startsWith(PipelineDashboard.RECONCILER_FAILURES_METRIC + " ");
    }

    /** "name {dimension=value, ...}" of every metric in every EMF document the three functions printed. */
    private static Set<String> emittedMetrics() throws IOException {
        Set<String> emitted = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (StringBuilder printed : PRINTED.values()) {
            for (String line : printed.toString().split("\\R")) {
                if (!line.startsWith("{") || !line.contains("\"_aws\"")) {
                    continue;
                }
                JsonNode document = json.readTree(line);
                for (JsonNode directive : document.at("/_aws/CloudWatchMetrics")) {
                    assertThat(directive.path("Namespace").asText()).isEqualTo(EtlFunction.METRICS_NAMESPACE);
                    for (JsonNode dimensionSet : directive.path("Dimensions")) {
                        Map<String, String> dimensions = new TreeMap<>();
                        dimensionSet.forEach(d -> dimensions.put(d.asText(), document.path(d.asText()).asText()));
                        directive.path("Metrics").forEach(m -> emitted.add(identity(m.path("Name").asText(),
                                dimensions)));
                    }
                }
            }
        }
        return emitted;
    }

    private static String identity(String name, Map<String, String> dimensions) {
        return name + " " + new TreeMap<>(dimensions);
    }

    private static void invoke(LambdaModule module, String event, int round) throws Exception {
        Path log = workDirectory.resolve(module.moduleName() + "-" + round + ".calls");
        Path output = workDirectory.resolve(module.moduleName() + "-" + round + ".out");
        // the stack's runtime where this machine has it (CI does), else the build's JDK
        String java = JavaRuntimes.java25().orElse(JavaRuntimes.current()).java();
        ProcessBuilder process = new ProcessBuilder(java, "-cp", testClassPath(), HandlerLaunch.class.getName(), module.handlerClass(), event)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        process.environment().clear();
        process.environment().putAll(environment(module, log));
        Process running = process.start();
        boolean finished = running.waitFor(180, TimeUnit.SECONDS);
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        PRINTED.get(module).append(printed);
        assertThat(finished && running.exitValue() == 0)
                .as("%s round %d exited %s:%n%s", module.moduleName(), round,
                        finished ? running.exitValue() : "by timeout", tail(printed)).isTrue();
        if (Files.exists(log)) {
            Files.readAllLines(log).forEach(line -> CALLS.get(module).add(Call.parse(line)));
        }
    }

    /** The function's variables from the template, references resolved, plus what the Lambda runtime provides. */
    private static Map<String, String> environment(LambdaModule module, Path log) throws IOException {
        Map<String, String> environment = new HashMap<>();
        HandlerContractTest.environment(pipeline, module).forEach((name, value) -> environment.put(name,
                resolve(value)));
        if (environment.containsKey("DB_SSLMODE")) {
            // the one setting the local PostgreSQL cannot honour: it serves no TLS
            environment.put("DB_SSLMODE", "disable");
        }
        TestBed bed = TestBed.shared();
        environment.put("AWS_REGION", bed.s3Region());
        environment.put("AWS_ACCESS_KEY_ID", bed.s3AccessKey());
        environment.put("AWS_SECRET_ACCESS_KEY", bed.s3SecretKey());
        environment.put("AWS_ENDPOINT_URL_S3", bed.s3Endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint().toString());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-" + module.moduleName());
        environment.put("HOME", Files.createDirectories(workDirectory.resolve("home")).toString());
        environment.put(CallRecorder.LOG_VARIABLE, log.toString());
        return environment;
    }

    private static String resolve(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        String referenced = Resources.referenced(value);
        return RESOURCE_BY_NAME.entrySet().stream().filter(e -> e.getValue().equals(referenced))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("the environment refers to " + value + ", unknown here"));
    }

    private static String s3Action(Call call) {
        return switch (call.operation()) {
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> "s3:PutObject";
            case "AbortMultipartUpload" -> "s3:AbortMultipartUpload";
            case "GetObject", "HeadObject" -> "s3:GetObject";
            case "ListObjectsV2", "ListObjects" -> "s3:ListBucket";
            default -> throw new AssertionError("no IAM action known for S3 " + call.operation()
                    + ": add it here and check the grants");
        };
    }

    private static String s3Resource(Call call) {
        String bucket = "${" + RESOURCE_BY_NAME.get(call.bucket()) + ".Arn}";
        return call.key().isEmpty() ? bucket : bucket + "/" + call.key();
    }

    private static List<String> secretIds(LambdaModule module) {
        return CALLS.get(module).stream().filter(c -> c.service().equals("SecretsManager"))
                .map(Call::secretId).distinct().toList();
    }

    private static List<String> keysWritten(LambdaModule module) {
        return CALLS.get(module).stream().filter(c -> c.service().equals("S3") && s3Action(c).equals("s3:PutObject"))
                .map(Call::key).toList();
    }

    private static List<String> keysRead(LambdaModule module) {
        return CALLS.get(module).stream().filter(c -> c.service().equals("S3") && s3Action(c).equals("s3:GetObject"))
                .map(Call::key).toList();
    }

    private static RolePolicy policy(LambdaModule module) {
        return new RolePolicy(pipeline.resources, Resources.logicalId(pipeline.stack.function(module).role()));
    }

    /** Surefire may run tests from a manifest-only jar; it publishes the real class path separately. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }
}
