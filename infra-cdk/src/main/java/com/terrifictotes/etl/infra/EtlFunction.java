package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.runtime.LambdaJvm;
import com.terrifictotes.etl.runtime.MetricNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AliasProps;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionProps;
import software.amazon.awscdk.services.lambda.RecursiveLoop;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One pipeline Lambda: its own role (no managed policy; grants are added by the stack), its own log group with
 * retention, SnapStart on published versions, and the {@value #ALIAS} alias that every trigger invokes. Asynchronous
 * invocations of the alias retry a bounded number of times and then land in the failure queue.
 *
 * <p>In a VPC the role gets the network-interface actions of AWS's {@code AWSLambdaVPCAccessExecutionRole} as an
 * inline statement instead of that managed policy, which also grants {@code logs:CreateLogGroup},
 * {@code logs:CreateLogStream} and {@code logs:PutLogEvents} on every log group of the account: the function already
 * writes its own log group only.
 */
public final class EtlFunction extends Construct {
    public static final String ALIAS = "live";
    /** The newest Java runtime CDK offers (cdk-nag's AwsSolutions-L1 and Serverless LambdaLatestVersion check it). */
    public static final Runtime RUNTIME = Runtime.JAVA_25;
    public static final String METRICS_NAMESPACE = MetricNames.NAMESPACE;
    /** C1 only, and native access for zstd-jni without a warning on Java 25: see {@link LambdaJvm}. */
    public static final String JAVA_TOOL_OPTIONS = LambdaJvm.JAVA_TOOL_OPTIONS;

    /**
     * How one function is built. {@code reservedConcurrency} null means the account's unreserved pool; {@code logKey}
     * encrypts the function's log group.
     */
    public record Options(LambdaModule module, Code code, FunctionSizing sizing, Map<String, String> environment,
                          Integer reservedConcurrency, int retryAttempts, Duration maxEventAge, IQueue failureQueue,
                          int logRetentionDays, IKey logKey, String logLevel, Optional<FunctionPlacement> placement) {
        public Options {
            environment = Map.copyOf(environment);
        }
    }

    /**
     * What Lambda does with the execution role of a function in a VPC: manage the function's network interfaces
     * (AWSLambdaVPCAccessExecutionRole v3 without its logs actions). Describe works only on {@code "*"}, and Lambda's
     * guide asks the same of the others, since the interfaces' ids are not known before Lambda creates them.
     */
    static final List<String> NETWORK_INTERFACE_ACTIONS = List.of("ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses");

    private final LambdaModule module;
    private final Role role;
    private final LogGroup logGroup;
    private final Function function;
    private final Alias alias;

    public EtlFunction(Construct scope, String id, Options options) {
        super(scope, id);
        module = options.module();
        role = new Role(this, "Role", RoleProps.builder()
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Execution role of the totes-etl " + module.moduleName())
                .build());
        logGroup = new LogGroup(this, "Logs", LogGroupProps.builder().encryptionKey(options.logKey()).build());
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(options.logRetentionDays());
        logGroup.grantWrite(role);
        function = new Function(this, "Function", functionProps(options));
        options.placement().ifPresent(p -> role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(NETWORK_INTERFACE_ACTIONS)
                .resources(List.of("*"))
                .build()));
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published: every trigger invokes the '" + ALIAS + "' alias on currentVersion");
        alias = new Alias(this, "Alias", AliasProps.builder()
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .description("What the triggers invoke: the SnapStart-published current version")
                .build());
        alias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(options.retryAttempts())
                .maxEventAge(options.maxEventAge())
                .onFailure(new SqsDestination(options.failureQueue()))
                .build());
    }

    private FunctionProps functionProps(Options options) {
        Map<String, String> environment = new HashMap<>(options.environment());
        environment.put("POWERTOOLS_SERVICE_NAME", module.moduleName());
        environment.put(MetricNames.NAMESPACE_VARIABLE, METRICS_NAMESPACE);
        environment.put("POWERTOOLS_LOG_LEVEL", options.logLevel());
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        FunctionProps.Builder props = FunctionProps.builder()
                .description("totes-etl " + module.moduleName() + " (" + module.handlerClass() + ")")
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(module.handlerClass())
                .code(options.code())
                .memorySize(options.sizing().memoryMb())
                .timeout(Duration.seconds(options.sizing().timeoutSeconds()))
                .role(role)
                .logGroup(logGroup)
                .environment(environment)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .tracing(Tracing.ACTIVE)
                .recursiveLoop(RecursiveLoop.TERMINATE)
                .reservedConcurrentExecutions(options.reservedConcurrency());
        options.placement().ifPresent(p -> props
                .vpc(p.vpc())
                .vpcSubnets(SubnetSelection.builder().subnets(p.subnets()).build())
                .securityGroups(List.of(p.securityGroup())));
        return props.build();
    }

    public LambdaModule module() {
        return module;
    }

    public Role role() {
        return role;
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
