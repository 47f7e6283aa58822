package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract between the build and the stack: each function deploys the jar its module's package phase builds. */
class DeployableJarsTest {
    @Test
    void eachFunctionsCodeAssetIsItsModulesDeployableJar() throws Exception {
        SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
        Path outdir = Path.of(pipeline.app.getOutdir());
        JsonNode assets = new ObjectMapper().readTree(
                outdir.resolve(pipeline.stack.getStackName() + ".assets.json").toFile()).path("files");
        for (LambdaModule module : LambdaModule.values()) {
            JsonNode code = pipeline.resources.properties(pipeline.stack.function(module).function()).path("Code");
            String objectKey = code.path("S3Key").asText();
            JsonNode asset = findAsset(assets, objectKey);
            assertThat(asset.at("/source/packaging").asText()).as("a jar is uploaded as it is").isEqualTo("file");
            Path staged = outdir.resolve(asset.at("/source/path").asText());
            // the stand-in repository holds a different small jar per module at <module>/target/<module>.jar
            assertThat(Files.readAllBytes(staged)).as(module.moduleName())
                    .isEqualTo(Files.readAllBytes(pipeline.repositoryRoot
                            .resolve(module.moduleName() + "/target/" + module.moduleName() + ".jar")));
            assertThat(Files.readAllBytes(staged)).isEqualTo(SynthesizedPipeline.standInJar(module));
        }
        assertThat(SynthesizedPipeline.standInJar(LambdaModule.EXTRACTOR))
                .isNotEqualTo(SynthesizedPipeline.standInJar(LambdaModule.LOADER));
    }

    @Test
    void theAppTakesTheJarsFromTheRepositoryRootAboveInfraCdk() {
        // cdk.json runs the app with infra-cdk/ as working directory: ".." is the repository root
        assertThat(TotesEtlApp.DEFAULT_REPOSITORY_ROOT).isEqualTo("..");
        assertThat(Path.of(TotesEtlApp.DEFAULT_REPOSITORY_ROOT).resolve("infra-cdk").resolve("cdk.json")
                .toAbsolutePath().normalize()).isEqualTo(Path.of("cdk.json").toAbsolutePath().normalize());
        assertThat(LambdaModule.TRANSFORMER.deployableJar(Path.of("..")))
                .isEqualTo(Path.of("..", "transformer", "target", "transformer.jar"));
    }

    @Test
    void aMissingJarStopsSynthesisWithItsPathAndTheBuildToRun(@TempDir Path emptyRepository) {
        assertThatThrownBy(() -> TotesEtlApp.deployableJars(emptyRepository))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(emptyRepository.resolve("extractor/target/extractor.jar").toString())
                .hasMessageContaining("./mvnw package");
    }

    @Test
    void cdkJsonRunsThisModulesAppThroughMaven() throws Exception {
        Map<String, Object> cdkJson = SynthesizedPipeline.cdkJson();
        assertThat(cdkJson.get("app").toString()).contains("exec:java").startsWith("../mvnw");
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<mainClass>" + TotesEtlApp.class.getName() + "</mainClass>");
    }

    private static JsonNode findAsset(JsonNode assets, String objectKey) {
        for (JsonNode asset : assets) {
            for (JsonNode destination : asset.path("destinations")) {
                if (destination.path("objectKey").asText().equals(objectKey)) {
                    return asset;
                }
            }
        }
        throw new AssertionError("no file asset uploads to " + objectKey);
    }
}
