package com.terrifictotes.etl.infra;

import static com.terrifictotes.etl.manifest.BucketLayout.MANIFEST_PREFIX;
import static com.terrifictotes.etl.manifest.BucketLayout.TABLES_PREFIX;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.runtime.RowBudget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * The whole pipeline in one stack: buckets, secrets, the stage functions with their triggers (the extractor's through
 * the {@link ExtractionChain}, the transformer's and the loader's daily catch-up through the {@link CatchUpChain}), the
 * daily reconciliation ({@link Reconciliation}), failure handling, alarms and the Glue catalogue of the processed zone.
 * Each function gets exactly the S3 and Secrets Manager rights its code uses (see {@link #grantAccess}).
 */
public final class PipelineStack extends Stack {
    /** Async S3/EventBridge invocations: two retries, and Lambda's 6-hour maximum age for throttled events. */
    static final int ASYNC_RETRIES = 2;
    static final Duration ASYNC_MAX_AGE = Duration.hours(6);
    /**
     * A failed extraction is not retried: the next scheduled run, minutes later, starts from the same place. (The
     * schedule invokes the extractor through the {@link ExtractionChain}, synchronously; this applies to an
     * asynchronous invocation by hand.)
     */
    static final int EXTRACTOR_RETRIES = 0;
    /**
     * What the loader reads in the processed bucket: tables, manifests and the operator's decisions
     * ({@code ./pipeline quarantine-batch}), not the transformer's state.
     */
    static final List<String> LOADER_PREFIXES = List.of(TABLES_PREFIX, MANIFEST_PREFIX,
            LakeBuckets.OPERATOR_PREFIXES.get(0));
    /** The loader's switch for the verification after its daily catch-up (its CatchUpVerification.SWITCH). */
    static final String VERIFY_ON_CATCH_UP = "VERIFY_ON_CATCH_UP";

    private final LakeBuckets buckets;
    private final DatabaseSecrets secrets;
    private final Queue failureQueue;
    private final Map<LambdaModule, EtlFunction> functions = new HashMap<>();
    private final ExtractionChain extractionChain;
    private final CatchUpChain catchUpChain;
    private final Triggers triggers;
    private final Alerting alerting;
    private final Reconciliation reconciliation;
    private final LakeCatalog catalog;
    private final Key logKey;
    private final PipelineDashboard dashboard;
    private final Optional<DatabaseNetwork> network;

    public PipelineStack(Construct scope, String id, StackProps props, PipelineInputs inputs) {
        super(scope, id, props);
        PipelineSettings settings = inputs.settings();
        buckets = new LakeBuckets(this, "Lake", settings.lakeLifecycle());
        secrets = new DatabaseSecrets(this, "Secrets", settings.stage(), settings.totesysSecret(),
                settings.warehouseSecret());
        logKey = CustomerKeys.forLogGroups(this, "LogKey");
        failureQueue = new Queue(this, "FailureQueue", QueueProps.builder()
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build());
        network = settings.network().map(n -> new DatabaseNetwork(this, "Network", n));
        Optional<FunctionPlacement> placement = network.map(DatabaseNetwork::placement);

        function(inputs, LambdaModule.EXTRACTOR, extractorEnvironment(settings), EXTRACTOR_RETRIES,
                Duration.minutes(15), placement);
        function(inputs, LambdaModule.TRANSFORMER, Map.of(
                "INGESTION_BUCKET", buckets.ingestion().getBucketName(),
                "PROCESSED_BUCKET", buckets.processed().getBucketName(),
                RowBudget.VARIABLE, rowsPerInvocation(settings)), ASYNC_RETRIES, ASYNC_MAX_AGE,
                Optional.empty());
        function(inputs, LambdaModule.LOADER, loaderEnvironment(settings), ASYNC_RETRIES, ASYNC_MAX_AGE, placement);
        function(inputs, LambdaModule.RECONCILER, Reconciliation.environment(this, settings, buckets, secrets),
                ASYNC_RETRIES, ASYNC_MAX_AGE, placement);
        grantAccess();

        extractionChain = new ExtractionChain(this, "ExtractionChain", function(LambdaModule.EXTRACTOR).alias(),
                inputs.sizing().get(LambdaModule.EXTRACTOR).timeoutSeconds(), settings.logRetentionDays(), logKey);
        catchUpChain = new CatchUpChain(this, "CatchUpChain",
                new CatchUpChain.Stage(function(LambdaModule.TRANSFORMER).alias(),
                        inputs.sizing().get(LambdaModule.TRANSFORMER).timeoutSeconds()),
                new CatchUpChain.Stage(function(LambdaModule.LOADER).alias(),
                        inputs.sizing().get(LambdaModule.LOADER).timeoutSeconds()),
                settings.logRetentionDays(), logKey);
        triggers = new Triggers(this, "Triggers", settings, failureQueue, extractionChain.stateMachine(),
                catchUpChain.stateMachine(), function(LambdaModule.TRANSFORMER).alias(),
                function(LambdaModule.LOADER).alias(), buckets.ingestion(), buckets.processed());
        alerting = new Alerting(this, "Alerting", settings.alertEmail(), failureQueue);
        functions.values().forEach(alerting::watchFunction);
        alerting.watchFailureQueue(failureQueue);
        alerting.watchFreshness(settings.freshnessMinutes());
        alerting.watchExtractionChain(extractionChain.stateMachine());
        alerting.watchCatchUpChain(catchUpChain.stateMachine());
        reconciliation = new Reconciliation(this, "Reconciliation", function(LambdaModule.RECONCILER), buckets,
                secrets, failureQueue, alerting);
        // a gap that every loader run of an hour still finds will not close by itself: a processed batch is missing
        alerting.alarmAtLeast("LoaderManifestGap", "Every loader run for an hour found the next processed manifest "
                        + "missing while a later one exists; later batches wait (the loader's log line 'manifest "
                        + "missing' names it in waiting_for)",
                PipelineMetrics.stage(LambdaModule.LOADER, "ManifestGap", PipelineMetrics.MINIMUM)
                        .with(MetricOptions.builder().period(Duration.hours(1)).build()), 1);
        alerting.watchWarehouseFreshness(settings.freshnessMinutes());
        alerting.watchTransformerBacklog(settings.freshnessMinutes());
        alerting.watchQuarantine();
        if (settings.verifyOnCatchUp()) {
            alerting.watchWarehouseVerification();
        }
        dashboard = new PipelineDashboard(this, "Dashboard", TotesEtlApp.stackName(settings), functions, failureQueue,
                alerting, settings.freshnessMinutes(), extractionChain.stateMachine(), catchUpChain.stateMachine());
        catalog = new LakeCatalog(this, "Catalog", settings.stage(), buckets.processed(), settings.lakeMaxBatch());
        outputs();
        PipelineNagSuppressions.apply(this);
        PipelineGuardSuppressions.apply(this);
    }

    /**
     * The calls each function's code makes, and nothing more. Extractor: writes ingestion data and manifests, reads
     * its own manifests back to find where the last run stopped. Transformer: reads ingestion, writes processed tables,
     * its state snapshots and manifests, and reads its state and manifests back, and the operator's decisions. Loader:
     * reads processed tables, manifests and the operator's decisions. Each database function reads its one secret.
     */
    private void grantAccess() {
        EtlFunction extractor = function(LambdaModule.EXTRACTOR);
        S3Access.write(extractor.role(), buckets.ingestion(), LakeBuckets.INGESTION_PREFIXES);
        S3Access.read(extractor.role(), buckets.ingestion(), LakeBuckets.INGESTION_PREFIXES);
        secrets.totesys().grantRead(extractor.role());

        EtlFunction transformer = function(LambdaModule.TRANSFORMER);
        S3Access.read(transformer.role(), buckets.ingestion(), LakeBuckets.INGESTION_PREFIXES);
        S3Access.write(transformer.role(), buckets.processed(), LakeBuckets.PROCESSED_PREFIXES);
        S3Access.read(transformer.role(), buckets.processed(), LakeBuckets.PROCESSED_PREFIXES);
        // the operator's decisions it obeys: read, never written (the operator's CLI writes them)
        S3Access.read(transformer.role(), buckets.processed(), LakeBuckets.OPERATOR_PREFIXES);

        EtlFunction loader = function(LambdaModule.LOADER);
        S3Access.read(loader.role(), buckets.processed(), LOADER_PREFIXES);
        secrets.warehouse().grantRead(loader.role());
    }

    private Map<String, String> extractorEnvironment(PipelineSettings settings) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "TOTESYS_SECRET_ID", secrets.totesys().secretId(),
                "INGESTION_BUCKET", buckets.ingestion().getBucketName(),
                "DB_SSLMODE", settings.dbSslMode()));
        settings.dbSslRootCert().ifPresent(v -> environment.put("DB_SSLROOTCERT", v));
        settings.sourceTimeZone().ifPresent(v -> environment.put("SOURCE_TIME_ZONE", v));
        settings.extractOverlapSeconds().ifPresent(v -> environment.put("EXTRACT_OVERLAP_SECONDS", v.toString()));
        settings.extractPartRows().ifPresent(v -> environment.put("EXTRACT_PART_ROWS", v.toString()));
        settings.extractMaxBatchRows().ifPresent(v -> environment.put("EXTRACT_MAX_BATCH_ROWS", v.toString()));
        settings.extractMaxClockSkewSeconds()
                .ifPresent(v -> environment.put("EXTRACT_MAX_CLOCK_SKEW_SECONDS", v.toString()));
        environment.putAll(DatabaseTimeouts.EXTRACTOR.environment());
        return environment;
    }

    private Map<String, String> loaderEnvironment(PipelineSettings settings) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PROCESSED_BUCKET", buckets.processed().getBucketName(),
                "WAREHOUSE_SECRET_ID", secrets.warehouse().secretId(),
                "DB_SSLMODE", settings.dbSslMode()));
        settings.dbSslRootCert().ifPresent(v -> environment.put("DB_SSLROOTCERT", v));
        environment.putAll(DatabaseTimeouts.LOADER.environment());
        environment.put(VERIFY_ON_CATCH_UP, Boolean.toString(settings.verifyOnCatchUp()));
        environment.put(RowBudget.VARIABLE, rowsPerInvocation(settings));
        return environment;
    }

    /**
     * The transformer's and the loader's budget per invocation: the extractor's batch limit, so that a chain's full
     * batch is one invocation of each stage downstream (issue #19).
     */
    private static String rowsPerInvocation(PipelineSettings settings) {
        return Long.toString(settings.extractMaxBatchRows().map(Integer::longValue).orElse(RowBudget.DEFAULT_MAX_ROWS));
    }

    private void function(PipelineInputs inputs, LambdaModule module, Map<String, String> environment, int retries,
                          Duration maxEventAge, Optional<FunctionPlacement> placement) {
        PipelineSettings settings = inputs.settings();
        String id = Character.toUpperCase(module.moduleName().charAt(0)) + module.moduleName().substring(1);
        functions.put(module, new EtlFunction(this, id, new EtlFunction.Options(module, inputs.code().get(module),
                inputs.sizing().get(module), environment, settings.reservedConcurrency().of(module).orElse(null),
                retries, maxEventAge, failureQueue, settings.logRetentionDays(), logKey, settings.logLevel(),
                placement)));
    }

    private void outputs() {
        output("IngestionBucketName", buckets.ingestion().getBucketName(), "CSV landing zone");
        output("ProcessedBucketName", buckets.processed().getBucketName(), "Parquet star schema");
        output("ToteSysSecretId", secrets.totesys().secretId(), "put-secret-value here: ToteSys credentials");
        output("WarehouseSecretId", secrets.warehouse().secretId(), "put-secret-value here: warehouse credentials");
        output("AlertTopicArn", alerting.topic().getTopicArn(), "alarm notifications");
        output("FailureQueueUrl", failureQueue.getQueueUrl(), "invocations that exhausted their retries");
        output("GlueDatabaseName", catalog.databaseName(), "Athena: the processed zone");
        output("ExtractionChainArn", extractionChain.stateMachine().getStateMachineArn(), "the extraction chain "
                + "(Step Functions) the schedule starts; start an execution to extract now");
        output("ExtractionChainLogGroup", extractionChain.logGroup().getLogGroupName(), "the extraction chain's "
                + "execution events");
        output("CatchUpChainArn", catchUpChain.stateMachine().getStateMachineArn(), "the daily catch-up (Step "
                + "Functions): transformer, then loader, until each has caught up; start an execution to catch up now");
        output("CatchUpChainLogGroup", catchUpChain.logGroup().getLogGroupName(), "the catch-up's execution events");
        output("DashboardName", dashboard.dashboard().getDashboardName(), "CloudWatch dashboard of the pipeline");
        for (EtlFunction function : functions.values()) {
            String name = function.module().moduleName();
            output(Character.toUpperCase(name.charAt(0)) + name.substring(1) + "LogGroup",
                    function.logGroup().getLogGroupName(), name + " logs");
            output(Character.toUpperCase(name.charAt(0)) + name.substring(1) + "FunctionName",
                    function.function().getFunctionName(), name + " function (invoke the '" + EtlFunction.ALIAS
                            + "' alias)");
        }
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }

    public EtlFunction function(LambdaModule module) {
        return functions.get(module);
    }

    public LakeBuckets buckets() {
        return buckets;
    }

    public Queue failureQueue() {
        return failureQueue;
    }

    public ExtractionChain extractionChain() {
        return extractionChain;
    }

    public CatchUpChain catchUpChain() {
        return catchUpChain;
    }

    public Triggers triggers() {
        return triggers;
    }

    public Alerting alerting() {
        return alerting;
    }

    public PipelineDashboard dashboard() {
        return dashboard;
    }

    public Reconciliation reconciliation() {
        return reconciliation;
    }

    public DatabaseSecrets secrets() {
        return secrets;
    }

    public Key logKey() {
        return logKey;
    }

    /** The VPC placement of the database functions, when context gives a VPC. */
    public Optional<DatabaseNetwork> network() {
        return network;
    }
}
