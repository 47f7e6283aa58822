package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.runtime.StageResult;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineProps;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.Timeout;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The daily catch-up (issue #19): a Standard Step Functions workflow that the catch-up rule starts, which invokes the
 * transformer with the catch-up event (an S3 event with no records) until it answers {@code caughtUp}, then the
 * loader the same way. Each invocation is bounded by {@code MAX_ROWS_PER_INVOCATION}, so a backlog of any size is
 * worked off as a chain of bounded invocations through AWS's own machinery, and the loader's daily verification runs
 * in the one invocation that found nothing more to apply (bounded by that invocation's time, as before).
 *
 * <ul>
 *   <li><b>Retries</b> only of Lambda's transient errors ({@link LambdaRetries}). A failed invocation (a batch that
 *       cannot be transformed or loaded) fails the execution: the {@code CatchUpChainFailed} alarm, and the
 *       function's own error alarm and log name the batch. The next day's catch-up, or an execution started by hand
 *       once the fault is fixed, goes on from where it stopped.</li>
 *   <li><b>Bounded.</b> At most {@value #MAX_RUNS} invocations per stage per execution (a Standard workflow's
 *       history holds 25,000 events; an invocation takes about 9, and each retry 3): a transformer that reaches the
 *       bound hands over to the loader, a loader that reaches it ends the execution, and the next catch-up goes on.
 *       Each invocation is bounded by the task timeout (the function's timeout and a minute), so the execution's own
 *       timeout is only a backstop.</li>
 *   <li>Two executions at once (one started by hand during the daily one) are harmless: the stages' own concurrency
 *       rules (write-once commit, the loaders' advisory lock) hold, and each invocation only ever takes the oldest
 *       pending batch.</li>
 * </ul>
 */
public final class CatchUpChain extends Construct {
    /** Invocations per stage per execution before the next catch-up takes over. */
    public static final int MAX_RUNS = 250;
    static final String TRANSFORM_STATE = "Transform pending";
    static final String LOAD_STATE = "Load pending";

    private final StateMachine stateMachine;
    private final LogGroup logGroup;

    /** A stage the catch-up drives: its function (the alias) and its timeout in seconds. */
    public record Stage(IFunction function, int timeoutSeconds) {
    }

    public CatchUpChain(Construct scope, String id, Stage transformer, Stage loader, int logRetentionDays,
                        IKey logKey) {
        super(scope, id);
        logGroup = new LogGroup(this, "Logs", LogGroupProps.builder().encryptionKey(logKey).build());
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(logRetentionDays);
        int longest = MAX_RUNS * (transformer.timeoutSeconds() + loader.timeoutSeconds()
                + 2 * LambdaRetries.TASK_TIMEOUT_MARGIN_SECONDS);
        stateMachine = new StateMachine(this, "StateMachine", StateMachineProps.builder()
                .stateMachineType(StateMachineType.STANDARD)
                .comment("Runs the totes-etl transformer, then the loader, until each has caught up (issue #19)")
                .definitionBody(DefinitionBody.fromChainable(definition(transformer, loader)))
                .timeout(Duration.seconds(longest))
                .tracingEnabled(true)
                .logs(LogOptions.builder().destination(logGroup).level(LogLevel.ALL).includeExecutionData(true)
                        .build())
                .build());
    }

    private IChainable definition(Stage transformer, Stage loader) {
        Succeed caughtUp = Succeed.Builder.create(this, "Caught up")
                .comment("Every pending batch transformed and loaded; the loader verified the warehouse").build();
        Succeed boundReached = Succeed.Builder.create(this, "Run bound reached")
                .comment(MAX_RUNS + " loader invocations in this execution: the next catch-up goes on from here")
                .build();
        Pass startLoading = start("Start loading");
        startLoading.next(loop(LOAD_STATE, "load", loader, caughtUp, boundReached));
        Pass startTransforming = start("Start catch-up");
        // a transformer at its bound still hands over: the loader applies what it has transformed
        startTransforming.next(loop(TRANSFORM_STATE, "transform", transformer, startLoading, startLoading));
        return startTransforming;
    }

    /** The execution's input (the catch-up event) kept for every invocation, and a fresh count. */
    private Pass start(String name) {
        return Pass.Builder.create(this, name).parameters(Map.of(
                "event", JsonPath.stringAt("$$.Execution.Input"),
                "runs", 0)).build();
    }

    /** Invoke, count, and again until the answer says caught up (then {@code done}) or the bound is reached. */
    private LambdaInvoke loop(String name, String stage, Stage target, IChainable done, IChainable bound) {
        LambdaInvoke invoke = LambdaInvoke.Builder.create(this, name)
                .comment("One bounded " + stage + " invocation; its answer says whether batches are still pending")
                .lambdaFunction(target.function())
                .payloadResponseOnly(true)
                .retryOnServiceExceptions(false)
                .inputPath("$.event")
                // only what the loop needs and the history should show, each always present in the answer
                .resultSelector(Map.of(
                        StageResult.CAUGHT_UP, JsonPath.stringAt("$." + StageResult.CAUGHT_UP),
                        "committed", JsonPath.listAt("$.committed"),
                        "summary", JsonPath.stringAt("$.summary")))
                .resultPath("$." + stage)
                .taskTimeout(Timeout.duration(Duration.seconds(target.timeoutSeconds()
                        + LambdaRetries.TASK_TIMEOUT_MARGIN_SECONDS)))
                .build();
        LambdaRetries.addTo(invoke);
        Pass count = Pass.Builder.create(this, "Count " + stage).parameters(Map.of(
                "event", JsonPath.stringAt("$.event"),
                "runs", JsonPath.mathAdd(JsonPath.numberAt("$.runs"), 1),
                stage, JsonPath.objectAt("$." + stage))).build();
        String question = Character.toUpperCase(stage.charAt(0)) + stage.substring(1) + " caught up?";
        Choice next = Choice.Builder.create(this, question).build()
                .when(Condition.booleanEquals("$." + stage + "." + StageResult.CAUGHT_UP, true), done)
                .when(Condition.numberGreaterThanEquals("$.runs", MAX_RUNS), bound)
                .otherwise(invoke);
        invoke.next(count).next(next);
        return invoke;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
