package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class PipelineSettingsTest {
    @Test
    void withoutContextEverySettingHasItsDefault() {
        assertThat(settings(Map.of())).isEqualTo(PipelineSettings.defaults());
        PipelineSettings defaults = PipelineSettings.defaults();
        assertThat(defaults.schedule()).isEqualTo("rate(15 minutes)");
        assertThat(defaults.alertEmail()).isEmpty();
        assertThat(defaults.network()).isEmpty();
    }

    @Test
    void contextValuesArriveAsTextFromTheCommandLineOrAsJsonNumbers() {
        PipelineSettings settings = settings(Map.of("freshnessMinutes", 45, "logRetentionDays", "30",
                "subnetIds", "subnet-a, subnet-b,", "vpcId", "vpc-1", "databasePort", "6432"));
        assertThat(settings.freshnessMinutes()).isEqualTo(45);
        assertThat(settings.logRetentionDays()).isEqualTo(30);
        assertThat(settings.network()).hasValueSatisfying(network -> {
            assertThat(network.subnetIds()).containsExactly("subnet-a", "subnet-b");
            assertThat(network.databasePort()).isEqualTo(6432);
            assertThat(network.totesysSecurityGroupId()).isEqualTo(Optional.empty());
        });
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
        assertThatThrownBy(() -> settings(Map.of("vpcId", "vpc-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("subnetIds");
    }

    private static PipelineSettings settings(Map<String, Object> context) {
        return PipelineSettings.fromContext(new App(AppProps.builder().context(context).build()).getNode());
    }
}
