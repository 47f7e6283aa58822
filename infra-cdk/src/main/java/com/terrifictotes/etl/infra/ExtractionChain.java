package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.runtime.MetricNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.Timeout;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The extraction chain (issue #19): a Standard Step Functions workflow that the schedule starts, which runs the
 * extractor again at once for as long as a run stopped at its row limit ({@code caughtUp} false in the extractor's
 * result), so a first load or a long catch-up goes on through AWS's own machinery, each invocation bounded by
 * {@code EXTRACT_MAX_BATCH_ROWS}, instead of one batch per schedule.
 *
 * <ul>
 *   <li><b>One chain at a time.</b> An execution first lists the machine's running executions; if another is
 *       running (a schedule fired during a long chain), it ends at once, successfully. Listing is eventually
 *       consistent, so two executions may still both run; then the extractor's conditional manifest PUT lets one
 *       publish and the other fails with {@value #CONCURRENT_RUN_ERROR}, which ends that execution quietly too.</li>
 *   <li><b>Retries</b> only of Lambda's transient errors (the service's, and throttling with a longer backoff).
 *       A failed extraction is not retried: the execution fails (the {@code ExtractionChainFailed} alarm) and the
 *       next schedule starts from the last manifest, as a failed run always did.</li>
 *   <li><b>Freshness.</b> Before each further run, the execution's age goes into the extractor's freshness metric
 *       ({@link #reportLag}), so the freshness alarm keeps meaning "the extracted data is older than the threshold"
 *       while a chain is under way.</li>
 *   <li><b>Bounded.</b> At most {@value #MAX_RUNS} extractor runs per execution (a Standard workflow's history holds
 *       25,000 events; a run takes about 14, and each retry 3); then it ends successfully and the next schedule
 *       starts a new execution from where it stopped. Each run is bounded by the task timeout (the function's
 *       timeout and a minute), so the execution's own timeout is only a backstop.</li>
 * </ul>
 */
public final class ExtractionChain extends Construct {
    /** Extractor runs per execution before the next schedule takes over. */
    public static final int MAX_RUNS = 500;
    /** What Step Functions names an extractor error: the Lambda Java runtime's errorType, the class name. */
    public static final String CONCURRENT_RUN_ERROR = "com.terrifictotes.etl.extractor.ConcurrentRunException";
    static final String EXTRACT_STATE = "Extract batch";
    static final String REPORT_LAG_STATE = "Report chain lag";

    private final StateMachine stateMachine;
    private final LogGroup logGroup;

    /**
     * @param extractor        what the chain invokes: the extractor's alias (the one the schedule used to invoke)
     * @param functionTimeout  the extractor's timeout, in seconds
     */
    public ExtractionChain(Construct scope, String id, IFunction extractor, int functionTimeout,
                           int logRetentionDays, IKey logKey) {
        super(scope, id);
        logGroup = new LogGroup(this, "Logs", LogGroupProps.builder().encryptionKey(logKey).build());
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(logRetentionDays);
        int taskTimeoutSeconds = functionTimeout + LambdaRetries.TASK_TIMEOUT_MARGIN_SECONDS;
        Duration taskTimeout = Duration.seconds(taskTimeoutSeconds);
        String name = Stack.of(this).getStackName() + "-ExtractionChain";
        stateMachine = new StateMachine(this, "StateMachine", software.amazon.awscdk.services.stepfunctions
                .StateMachineProps.builder()
                .stateMachineName(name)
                .stateMachineType(StateMachineType.STANDARD)
                .comment("Runs the totes-etl extractor until it has caught up with the source (issue #19)")
                .definitionBody(DefinitionBody.fromChainable(definition(extractor, arn(name), taskTimeout)))
                .timeout(Duration.seconds(MAX_RUNS * taskTimeoutSeconds))
                .tracingEnabled(true)
                .logs(LogOptions.builder().destination(logGroup).level(LogLevel.ALL).includeExecutionData(true)
                        .build())
                .build());
        // the chain's lag (reportLag): CloudWatch's PutMetricData has no resources, only the namespace to narrow it
        stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", MetricNames.NAMESPACE)))
                .build());
    }

    private CallAwsService definition(IFunction extractor, String ownArn, Duration taskTimeout) {
        Succeed caughtUp = Succeed.Builder.create(this, "Caught up").comment("The source holds nothing newer")
                .build();
        Succeed boundReached = Succeed.Builder.create(this, "Run bound reached")
                .comment(MAX_RUNS + " runs in this execution: the next schedule starts a new one from here").build();
        Succeed anotherRunFirst = Succeed.Builder.create(this, "Another run published first")
                .comment("Another execution's run published this sequence: that execution goes on").build();
        Succeed anotherChain = Succeed.Builder.create(this, "Another chain is running")
                .comment("A schedule fired while a chain runs: that chain goes on").build();

        LambdaInvoke extract = extractTask(extractor, taskTimeout);
        extract.addCatch(anotherRunFirst, CatchProps.builder().errors(List.of(CONCURRENT_RUN_ERROR))
                .resultPath("$.error").build());
        Pass count = Pass.Builder.create(this, "Count run").parameters(Map.of(
                "event", JsonPath.stringAt("$.event"),
                "runs", JsonPath.mathAdd(JsonPath.numberAt("$.runs"), 1),
                "extraction", JsonPath.stringAt("$.extraction"))).build();
        Choice next = Choice.Builder.create(this, "Caught up?").build()
                .when(Condition.booleanEquals("$.extraction.caughtUp", true), caughtUp)
                .when(Condition.numberGreaterThanEquals("$.runs", MAX_RUNS), boundReached)
                .otherwise(reportLag().next(extract));
        // the scheduled event goes to every run unchanged: the extractor logs its id and time
        Pass start = Pass.Builder.create(this, "Start chain").parameters(Map.of(
                "event", JsonPath.stringAt("$$.Execution.Input"),
                "runs", 0)).build();
        start.next(extract).next(count).next(next);

        CallAwsService listRunning = CallAwsService.Builder.create(this, "List running chains")
                .service("sfn")
                .action("listExecutions")
                .iamAction("states:ListExecutions")
                .iamResources(List.of(ownArn))
                .parameters(Map.of(
                        "StateMachineArn", JsonPath.stringAt("$$.StateMachine.Id"),
                        "StatusFilter", "RUNNING",
                        "MaxResults", 2))
                .resultSelector(Map.of("running", JsonPath.arrayLength(JsonPath.listAt("$.Executions"))))
                .build();
        Choice alone = Choice.Builder.create(this, "Another chain running?").build()
                .when(Condition.numberGreaterThan("$.running", 1), anotherChain)
                .otherwise(start);
        listRunning.next(alone);
        return listRunning;
    }

    /**
     * A run that stopped at its row limit reports the lag of the snapshot it read, not of the data it delivered (the
     * rest of its window is still to come). While the chain has not caught up, the data is at least as old as the
     * execution (its first run's window ended when it started), so this puts that age into the extractor's
     * {@value Alerting#FRESHNESS_METRIC} as well: the freshness alarm (a maximum) then fires during a chain longer than
     * its threshold and clears once a run has caught up. Best effort: a data point that fails to land is skipped, the
     * next run's comes minutes later.
     */
    private CustomState reportLag() {
        Map<String, Object> datum = Map.of(
                "MetricName", Alerting.FRESHNESS_METRIC,
                "Dimensions", List.of(Map.of("Name", MetricNames.SERVICE,
                        "Value", LambdaModule.EXTRACTOR.moduleName())),
                "Unit", "Seconds",
                "Value", "{% ($millis() - $toMillis($states.context.Execution.StartTime)) / 1000 %}");
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("Type", "Task");
        state.put("QueryLanguage", "JSONata");
        state.put("Comment", "The chain's lag so far into the extractor's freshness metric");
        state.put("Resource", "arn:" + Stack.of(this).getPartition() + ":states:::aws-sdk:cloudwatch:putMetricData");
        state.put("Arguments", Map.of("Namespace", MetricNames.NAMESPACE, "MetricData", List.of(datum)));
        state.put("Output", "{% $states.input %}");
        state.put("Catch", List.of(Map.of("ErrorEquals", List.of("States.ALL"), "Next", EXTRACT_STATE,
                "Output", "{% $states.input %}")));
        return CustomState.Builder.create(this, REPORT_LAG_STATE).stateJson(state).build();
    }

    private LambdaInvoke extractTask(IFunction extractor, Duration taskTimeout) {
        LambdaInvoke extract = LambdaInvoke.Builder.create(this, EXTRACT_STATE)
                .comment("One bounded extractor run; its result says whether the source has more")
                .lambdaFunction(extractor)
                .payloadResponseOnly(true)
                .retryOnServiceExceptions(false)
                .inputPath("$.event")
                // only what the chain needs, each always present in the extractor's result
                .resultSelector(Map.of(
                        "outcome", JsonPath.stringAt("$.outcome"),
                        "sequence", JsonPath.numberAt("$.sequence"),
                        "caughtUp", JsonPath.stringAt("$.caughtUp")))
                .resultPath("$.extraction")
                .taskTimeout(Timeout.duration(taskTimeout))
                .build();
        LambdaRetries.addTo(extract);
        return extract;
    }

    /** The machine's ARN from its name, so that its role may list its executions without a circular reference. */
    private String arn(String name) {
        return Stack.of(this).formatArn(ArnComponents.builder().service("states").resource("stateMachine")
                .resourceName(name).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
