package com.terrifictotes.etl.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The real App ({@link TotesEtlApp#build}) synthesised in-process with the context of {@code cdk.json} (the same
 * feature flags as {@code cdk synth}) plus test settings. The repository root is a temporary directory holding a
 * small stand-in jar per module at {@code <module>/target/<module>.jar}, so the stack builds before the real jars
 * exist. Synthesis costs seconds, so each variant is built once per JVM and shared.
 */
final class SynthesizedPipeline {
    static final String ALERT_EMAIL = "data-team@terrifictotes.example";

    /** Defaults only: what {@code cdk synth} without {@code -c} produces. */
    static final Lazy DEFAULTS = new Lazy(Map.of());
    static final String TOTESYS_KEY_ARN =
            "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String WAREHOUSE_KEY_ARN =
            "arn:aws:kms:eu-west-2:123456789012:key/9876fedc-98fe-76dc-54ba-0987654321fe";
    static final String S3_PREFIX_LIST = "pl-7ca54015";

    /**
     * Every optional setting given: alert e-mail, VPC placement without a NAT (so with both endpoints, the S3 prefix
     * list and both databases' security groups), imported secrets (ToteSys's under a customer-managed key), reserved
     * concurrency, lake lifecycle, database TLS, extractor and reconciliation tuning.
     */
    static final Lazy CONFIGURED = new Lazy(Map.ofEntries(
            Map.entry("stage", "prod"),
            Map.entry("alertEmail", ALERT_EMAIL),
            Map.entry("vpcId", "vpc-0a1b2c3d4e5f60718"),
            Map.entry("subnetIds", "subnet-0aaa1111bbbb2222c, subnet-0ddd3333eeee4444f"),
            Map.entry("routeTableIds", "rtb-0aaa1111bbbb2222c,rtb-0ddd3333eeee4444f"),
            Map.entry("s3PrefixListId", S3_PREFIX_LIST),
            Map.entry("totesysSecurityGroupId", "sg-0123456789abcdef0"),
            Map.entry("warehouseSecurityGroupId", "sg-0fedcba9876543210"),
            Map.entry("totesysSecretName", "totesys/readonly"),
            Map.entry("totesysSecretKmsKeyArn", TOTESYS_KEY_ARN),
            Map.entry("warehouseSecretName", "warehouse/loader"),
            Map.entry("reservedConcurrency", "extractor=1, loader=2"),
            Map.entry("lakeInfrequentAccessDays", "30"),
            Map.entry("lakeGlacierInstantRetrievalDays", "120"),
            Map.entry("dbSslMode", "verify-full"),
            Map.entry("dbSslRootCert", "/var/task/rds-global-bundle.pem"),
            Map.entry("sourceTimeZone", "Europe/London"),
            Map.entry("extractOverlapSeconds", "120"),
            Map.entry("extractPartRows", "250000"),
            Map.entry("extractMaxBatchRows", "1000000"),
            Map.entry("extractMaxClockSkewSeconds", "120"),
            Map.entry("schedule", "rate(10 minutes)"),
            Map.entry("reconcileSchedule", "cron(15 2 * * ? *)"),
            Map.entry("reconcileMaxDeleteRatio", "0.05"),
            Map.entry("reconcileChunkRows", "20000"),
            Map.entry("reconciledRowsAlarm", "100"),
            Map.entry("logRetentionDays", "400")));
    /**
     * A VPC whose subnets have a NAT gateway: no endpoints, and only the database ranges narrowed (ToteSys by CIDR,
     * the warehouse not at all). The secrets are created here, the warehouse's under a customer-managed key. The
     * loader's daily verification is switched off.
     */
    static final Lazy BEHIND_NAT = new Lazy(Map.ofEntries(
            Map.entry("stage", "test"),
            Map.entry("verifyOnCatchUp", "false"),
            Map.entry("vpcId", "vpc-0a1b2c3d4e5f60718"),
            Map.entry("subnetIds", "subnet-0aaa1111bbbb2222c"),
            Map.entry("vpcNat", "true"),
            Map.entry("totesysCidr", "10.20.0.0/16"),
            Map.entry("warehouseSecretKmsKeyArn", WAREHOUSE_KEY_ARN)));

    final App app;
    final PipelineStack stack;
    final Template template;
    final Path repositoryRoot;
    final Resources resources;

    private SynthesizedPipeline(Map<String, String> settings) {
        repositoryRoot = standInRepository();
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.putAll(settings);
        context.put(TotesEtlApp.REPOSITORY_ROOT_CONTEXT, repositoryRoot.toString());
        app = new App(AppProps.builder().context(context).outdir(temporaryDirectory("cdk-out").toString()).build());
        stack = TotesEtlApp.build(app);
        template = Template.fromStack(stack);
        resources = new Resources(template);
    }

    static final class Lazy {
        private final Map<String, String> settings;
        private SynthesizedPipeline value;
        private RuntimeException failure;

        Lazy(Map<String, String> settings) {
            this.settings = settings;
        }

        /** The synthesised variant; a synthesis that failed fails every caller alike, without synthesising again. */
        synchronized SynthesizedPipeline get() {
            if (value == null && failure == null) {
                try {
                    value = new SynthesizedPipeline(settings);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new IllegalStateException("synthesis failed: " + failure.getMessage(), failure);
            }
            return value;
        }
    }

    /** The {@code context} object of infra-cdk/cdk.json (surefire runs with the module as working directory). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        return (Map<String, Object>) cdkJson().get("context");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJson() {
        try {
            return new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read infra-cdk/cdk.json", e);
        }
    }

    /** The bytes of the stand-in jar of a module: a zip whose one entry names the module, so each differs. */
    static byte[] standInJar(LambdaModule module) {
        try (var bytes = new java.io.ByteArrayOutputStream(); var zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry("stand-in.txt");
            entry.setTime(0); // the same bytes on every call
            zip.putNextEntry(entry);
            zip.write(("stand-in for " + module.moduleName() + ".jar").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path standInRepository() {
        Path root = temporaryDirectory("repository");
        for (LambdaModule module : LambdaModule.values()) {
            Path jar = module.deployableJar(root);
            try {
                Files.createDirectories(jar.getParent());
                Files.write(jar, standInJar(module));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    private static Path temporaryDirectory(String prefix) {
        return TemporaryDirectories.create(prefix);
    }
}
