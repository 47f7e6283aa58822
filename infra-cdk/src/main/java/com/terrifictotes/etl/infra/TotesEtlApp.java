package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.error.ConfigurationException;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app that {@code cdk.json} runs from {@code infra-cdk/}: reads the settings from context, points each
 * function at its module's deployable jar and checks the result with cdk-nag (an unsuppressed error fails synth).
 */
public final class TotesEtlApp {
    /** Context key for the repository root, relative to {@code infra-cdk/} where the CDK CLI runs the app. */
    public static final String REPOSITORY_ROOT_CONTEXT = "repositoryRoot";
    public static final String DEFAULT_REPOSITORY_ROOT = "..";

    private TotesEtlApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }

    /** Builds the stack and adds the rule packs: everything {@link #main} does short of writing cdk.out. */
    public static PipelineStack build(App app) {
        PipelineSettings settings = PipelineSettings.fromContext(app.getNode());
        Object root = app.getNode().tryGetContext(REPOSITORY_ROOT_CONTEXT);
        Path repositoryRoot = Path.of(root == null ? DEFAULT_REPOSITORY_ROOT : root.toString());
        PipelineStack stack = new PipelineStack(app, stackName(settings), StackProps.builder()
                .stackName(stackName(settings))
                .description("totes-etl: ToteSys to S3 lake to PostgreSQL warehouse (" + settings.stage() + ")")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build(), PipelineInputs.withDefaultSizing(settings, deployableJars(repositoryRoot)));
        addRulePacks(app);
        return stack;
    }

    public static String stackName(PipelineSettings settings) {
        return "TotesEtl-" + settings.stage();
    }

    /** AwsSolutions and Serverless checks over every construct of the app; findings become synth errors. */
    public static void addRulePacks(App app) {
        NagPackProps verbose = NagPackProps.builder().verbose(true).build();
        Aspects.of(app).add(new AwsSolutionsChecks(verbose));
        Aspects.of(app).add(new ServerlessChecks(verbose));
    }

    /** Each function's code: {@code <root>/<module>/target/<module>.jar}, which must have been built. */
    public static Map<LambdaModule, Code> deployableJars(Path repositoryRoot) {
        Map<LambdaModule, Code> code = new EnumMap<>(LambdaModule.class);
        for (LambdaModule module : LambdaModule.values()) {
            Path jar = module.deployableJar(repositoryRoot);
            if (!Files.isRegularFile(jar)) {
                throw new ConfigurationException(jar.toAbsolutePath().normalize() + " does not exist: build the "
                        + "Lambda jars first (./mvnw package from the repository root)");
            }
            code.put(module, Code.fromAsset(jar.toString()));
        }
        return code;
    }
}
