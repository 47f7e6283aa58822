package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.infra.NetworkSettings.VpcEndpointService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class PipelineSettingsTest {
    private static final String VPC = "vpc-0a1b2c3d";

    @Test
    void withoutContextEverySettingHasItsDefault() {
        assertThat(settings(Map.of())).isEqualTo(PipelineSettings.defaults());
        PipelineSettings defaults = PipelineSettings.defaults();
        assertThat(defaults.schedule()).isEqualTo("rate(15 minutes)");
        assertThat(defaults.alertEmail()).isEmpty();
        assertThat(defaults.network()).isEmpty();
        assertThat(defaults.verifyOnCatchUp()).isTrue();
        assertThat(settings(Map.of("verifyOnCatchUp", false)).verifyOnCatchUp()).isFalse();
        assertThat(settings(Map.of("verifyOnCatchUp", "false")).verifyOnCatchUp()).isFalse();
    }

    @Test
    void contextValuesArriveAsTextFromTheCommandLineOrAsJsonNumbers() {
        PipelineSettings settings = settings(Map.of("freshnessMinutes", 45, "logRetentionDays", "30",
                "subnetIds", "subnet-0aaa1111, subnet-0bbb2222,", "vpcId", VPC, "databasePort", "6432",
                "routeTableIds", "rtb-0aaa1111", "vpcNat", false));
        assertThat(settings.freshnessMinutes()).isEqualTo(45);
        assertThat(settings.logRetentionDays()).isEqualTo(30);
        assertThat(settings.network()).hasValueSatisfying(network -> {
            assertThat(network.subnetIds()).containsExactly("subnet-0aaa1111", "subnet-0bbb2222");
            assertThat(network.databasePort()).isEqualTo(6432);
            assertThat(network.nat()).isFalse();
            assertThat(network.totesys()).isEqualTo(DatabaseAddress.unknown());
        });
    }

    @Test
    void aVpcWithoutANatGetsBothEndpointsAndOneBehindANatGetsNoneUnlessContextNamesThem() {
        assertThat(network(Map.of("routeTableIds", "rtb-0aaa1111")).endpoints())
                .containsExactlyInAnyOrder(VpcEndpointService.S3, VpcEndpointService.SECRETS_MANAGER);
        assertThat(network(Map.of("vpcNat", "true")).endpoints()).isEmpty();
        assertThat(network(Map.of("vpcNat", true, "vpcEndpoints", "s3", "routeTableIds", "rtb-0aaa1111"))
                .endpoints()).containsExactly(VpcEndpointService.S3);
        assertThat(network(Map.of("vpcEndpoints", "secretsmanager")).endpoints())
                .containsExactly(VpcEndpointService.SECRETS_MANAGER);
        assertThat(network(Map.of("vpcEndpoints", "none")).endpoints()).isEmpty();
    }

    @Test
    void anS3GatewayWithoutRouteTablesIsRefusedWithTheCommandThatFindsThem() {
        assertThatThrownBy(() -> network(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("routeTableIds")
                .hasMessageContaining("aws ec2 describe-route-tables --filters Name=association.subnet-id,"
                        + "Values=subnet-0aaa1111");
    }

    @Test
    void networkIdsAndRangesAreCheckedBeforeAnythingIsDeployed() {
        for (Map<String, Object> wrong : List.<Map<String, Object>>of(
                Map.of("vpcEndpoints", "none", "subnetIds", "subnet-a"),
                Map.of("vpcEndpoints", "none", "totesysSecurityGroupId", "sg-x"),
                Map.of("vpcEndpoints", "none", "warehouseCidr", "10.0.0.0/33"),
                Map.of("vpcEndpoints", "none", "s3PrefixListId", "com.amazonaws.eu-west-2.s3"),
                Map.of("vpcEndpoints", "logs"),
                Map.of("vpcEndpoints", "none", "vpcNat", "yes"))) {
            assertThatThrownBy(() -> network(wrong)).as(wrong.toString()).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("CDK context");
        }
        assertThat(network(Map.of("vpcEndpoints", "none", "warehouseCidr", "10.20.0.0/16",
                "totesysSecurityGroupId", "sg-0123456789abcdef0")).warehouse().cidr()).hasValue("10.20.0.0/16");
    }

    @Test
    void noFunctionReservesConcurrencyUnlessContextNamesIt() {
        assertThat(PipelineSettings.defaults().reservedConcurrency().byFunction()).isEmpty();
        ReservedConcurrency reserved = settings(Map.of("reservedConcurrency", "extractor=1, loader = 3"))
                .reservedConcurrency();
        assertThat(reserved.of(LambdaModule.EXTRACTOR)).hasValue(1);
        assertThat(reserved.of(LambdaModule.LOADER)).hasValue(3);
        assertThat(reserved.of(LambdaModule.TRANSFORMER)).isEmpty();
        for (String wrong : List.of("extractor", "extractor=0", "extractor=one", "loader=1,loader=2", "crawler=1")) {
            assertThatThrownBy(() -> settings(Map.of("reservedConcurrency", wrong))).as(wrong)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("reservedConcurrency");
        }
    }

    @Test
    void aSecretKeyMustBeAKeyArnBecauseAnAliasCannotBeGranted() {
        assertThat(settings(Map.of("warehouseSecretKmsKeyArn", SynthesizedPipeline.WAREHOUSE_KEY_ARN))
                .warehouseSecret().kmsKeyArn()).hasValue(SynthesizedPipeline.WAREHOUSE_KEY_ARN);
        assertThatThrownBy(() -> settings(Map.of("totesysSecretKmsKeyArn",
                "arn:aws:kms:eu-west-2:123456789012:alias/totesys")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("totesysSecretKmsKeyArn").hasMessageContaining("alias");
    }

    @Test
    void lakeTransitionsAreOffByDefaultAndRespectS3sMinimumAges() {
        assertThat(PipelineSettings.defaults().lakeLifecycle().transitions()).isFalse();
        LakeLifecycle lifecycle = settings(Map.of("lakeInfrequentAccessDays", "30",
                "lakeGlacierInstantRetrievalDays", "60")).lakeLifecycle();
        assertThat(lifecycle.infrequentAccessDays()).hasValue(30);
        assertThat(lifecycle.glacierInstantRetrievalDays()).hasValue(60);
        assertThat(settings(Map.of("lakeGlacierInstantRetrievalDays", "7")).lakeLifecycle().transitions()).isTrue();
        assertThatThrownBy(() -> settings(Map.of("lakeInfrequentAccessDays", "29")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("lakeInfrequentAccessDays=29");
        assertThatThrownBy(() -> settings(Map.of("lakeInfrequentAccessDays", "60",
                "lakeGlacierInstantRetrievalDays", "80")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at least 90");
    }

    @Test
    void anInvalidSettingIsRefusedNamingTheContextKey() {
        assertThatThrownBy(() -> settings(Map.of("schedule", "every 15 minutes")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("schedule");
        assertThatThrownBy(() -> settings(Map.of("alertEmail", "nobody")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("alertEmail");
        assertThatThrownBy(() -> settings(Map.of("logRetentionDays", "10")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("logRetentionDays");
        assertThatThrownBy(() -> settings(Map.of("stage", "Prod_1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("stage");
        assertThatThrownBy(() -> settings(Map.of("freshnessMinutes", "soon")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("freshnessMinutes");
        assertThatThrownBy(() -> settings(Map.of("vpcId", VPC)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("subnetIds");
        assertThatThrownBy(() -> settings(Map.of("vpcId", "vpc-1", "subnetIds", "subnet-0aaa1111")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("vpcId");
    }

    private static NetworkSettings network(Map<String, Object> context) {
        Map<String, Object> withVpc = new java.util.HashMap<>(context);
        withVpc.put("vpcId", VPC);
        withVpc.putIfAbsent("subnetIds", "subnet-0aaa1111");
        return settings(withVpc).network().orElseThrow();
    }

    private static PipelineSettings settings(Map<String, Object> context) {
        return PipelineSettings.fromContext(new App(AppProps.builder().context(context).build()).getNode());
    }
}
