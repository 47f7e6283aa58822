package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VPC placement: the endpoints the functions need without a NAT, and security groups that open only what they call. */
class NetworkTest {
    private static final String ANY = "0.0.0.0/0";

    private final SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
    private final SynthesizedPipeline behindNat = SynthesizedPipeline.BEHIND_NAT.get();

    @Test
    void withoutANatTheStackCreatesAnS3GatewayOnTheRouteTablesAndASecretsManagerEndpointInTheFunctionsSubnets() {
        Map<String, JsonNode> endpoints = configured.resources.ofType("AWS::EC2::VPCEndpoint");
        assertThat(endpoints.values()).extracting(e -> Resources.render(e.at("/Properties/ServiceName")))
                .containsExactlyInAnyOrder("com.amazonaws.${AWS::Region}.s3",
                        "com.amazonaws.${AWS::Region}.secretsmanager");
        JsonNode s3 = endpoint(configured, "s3");
        assertThat(s3.path("VpcEndpointType").asText()).isEqualTo("Gateway");
        assertThat(s3.path("VpcId").asText()).isEqualTo("vpc-0a1b2c3d4e5f60718");
        assertThat(s3.path("RouteTableIds")).extracting(JsonNode::asText)
                .containsExactly("rtb-0aaa1111bbbb2222c", "rtb-0ddd3333eeee4444f");
        JsonNode secrets = endpoint(configured, "secretsmanager");
        assertThat(secrets.path("VpcEndpointType").asText()).isEqualTo("Interface");
        assertThat(secrets.path("PrivateDnsEnabled").asBoolean()).as("the SDK's default endpoint name resolves to it")
                .isTrue();
        assertThat(secrets.path("SubnetIds")).extracting(JsonNode::asText)
                .containsExactly("subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f");
        assertThat(secrets.has("PolicyDocument")).as("private DNS serves the whole VPC: no pipeline-only policy")
                .isFalse();
    }

    @Test
    void noEndpointIsMadeForAnApiTheFunctionsDoNotCall() {
        // the functions call S3 and Secrets Manager only (FunctionCallsContractTest); Lambda ships logs and traces
        assertThat(NetworkSettings.VpcEndpointService.values())
                .extracting(NetworkSettings.VpcEndpointService::contextName)
                .containsExactlyInAnyOrder("s3", "secretsmanager");
    }

    @Test
    void theSecretsManagerEndpointAdmitsHttpsFromTheFunctionsOnlyAndSendsNothing() {
        String endpointGroup = Resources.logicalId(
                configured.stack.network().orElseThrow().endpoints().secretsManagerSecurityGroup().orElseThrow());
        String functionGroup = functionGroup(configured);
        assertThat(ingress(configured, endpointGroup)).containsExactly("tcp 443 from sg " + functionGroup);
        assertThat(egress(configured, endpointGroup)).as("CDK's rule that matches no traffic")
                .containsExactly("icmp 252-86 to 255.255.255.255/32");
    }

    @Test
    void withEveryAddressGivenTheFunctionsMayOpenOnlyTheEndpointS3AndTheTwoDatabases() {
        String endpointGroup = Resources.logicalId(
                configured.stack.network().orElseThrow().endpoints().secretsManagerSecurityGroup().orElseThrow());
        assertThat(egress(configured, functionGroup(configured))).containsExactlyInAnyOrder(
                "tcp 443 to sg " + endpointGroup,
                "tcp 443 to pl " + SynthesizedPipeline.S3_PREFIX_LIST,
                "tcp 5432 to sg sg-0123456789abcdef0",
                "tcp 5432 to sg sg-0fedcba9876543210");
        assertThat(ingress(configured, functionGroup(configured))).as("nothing calls the functions").isEmpty();
    }

    @Test
    void theDatabasesSecurityGroupsAdmitTheFunctionsOnThePostgresPortOnly() {
        assertThat(ingress(configured, "sg-0123456789abcdef0"))
                .containsExactly("tcp 5432 from sg " + functionGroup(configured));
        assertThat(ingress(configured, "sg-0fedcba9876543210"))
                .containsExactly("tcp 5432 from sg " + functionGroup(configured));
    }

    @Test
    void behindANatNoEndpointIsMadeAndOnlyTheGivenDatabaseRangeIsNarrowed() {
        assertThat(behindNat.resources.ofType("AWS::EC2::VPCEndpoint")).isEmpty();
        assertThat(behindNat.resources.ofType("AWS::EC2::SecurityGroup")).hasSize(1);
        assertThat(egress(behindNat, functionGroup(behindNat))).containsExactlyInAnyOrder(
                "tcp 443 to " + ANY,
                "tcp 5432 to 10.20.0.0/16",
                "tcp 5432 to " + ANY);
        assertThat(behindNat.resources.ofType("AWS::EC2::SecurityGroupIngress")).isEmpty();
    }

    @Test
    void withoutAVpcThereIsNoNetworkAtAll() {
        SynthesizedPipeline defaults = SynthesizedPipeline.DEFAULTS.get();
        assertThat(defaults.stack.network()).isEmpty();
        assertThat(defaults.resources.root().path("Resources").toString()).doesNotContain("AWS::EC2::");
    }

    private static JsonNode endpoint(SynthesizedPipeline pipeline, String service) {
        return pipeline.resources.ofType("AWS::EC2::VPCEndpoint").values().stream()
                .map(e -> e.path("Properties"))
                .filter(e -> Resources.render(e.path("ServiceName")).endsWith("." + service))
                .findFirst().orElseThrow();
    }

    private static String functionGroup(SynthesizedPipeline pipeline) {
        return Resources.logicalId(pipeline.stack.network().orElseThrow().functionSecurityGroup());
    }

    /** Every egress rule of a group, inline or as its own resource, as "protocol ports to destination". */
    static List<String> egress(SynthesizedPipeline pipeline, String group) {
        List<String> rules = new ArrayList<>();
        pipeline.resources.get(group).at("/Properties/SecurityGroupEgress").forEach(r -> rules.add(rule(r, "to")));
        pipeline.resources.ofType("AWS::EC2::SecurityGroupEgress").values().stream().map(r -> r.path("Properties"))
                .filter(r -> group.equals(Resources.referenced(r.path("GroupId"))))
                .forEach(r -> rules.add(rule(r, "to")));
        return rules;
    }

    /** Every ingress rule of a group of this stack (by logical id) or an imported one (by its id). */
    static List<String> ingress(SynthesizedPipeline pipeline, String group) {
        List<String> rules = new ArrayList<>();
        if (!group.startsWith("sg-")) {
            pipeline.resources.get(group).at("/Properties/SecurityGroupIngress")
                    .forEach(r -> rules.add(rule(r, "from")));
        }
        pipeline.resources.ofType("AWS::EC2::SecurityGroupIngress").values().stream().map(r -> r.path("Properties"))
                .filter(r -> group.equals(Resources.referenced(r.path("GroupId")))
                        || group.equals(r.path("GroupId").asText()))
                .forEach(r -> rules.add(rule(r, "from")));
        return rules;
    }

    private static String rule(JsonNode rule, String direction) {
        String ports = rule.path("FromPort").asInt() == rule.path("ToPort").asInt()
                ? String.valueOf(rule.path("FromPort").asInt())
                : rule.path("FromPort").asInt() + "-" + rule.path("ToPort").asInt();
        return rule.path("IpProtocol").asText() + " " + ports + " " + direction + " " + peer(rule);
    }

    private static String peer(JsonNode rule) {
        for (String field : List.of("DestinationSecurityGroupId", "SourceSecurityGroupId")) {
            if (rule.has(field)) {
                JsonNode group = rule.path(field);
                return "sg " + (group.isTextual() ? group.asText() : Resources.referenced(group));
            }
        }
        if (rule.has("DestinationPrefixListId")) {
            return "pl " + rule.path("DestinationPrefixListId").asText();
        }
        return rule.path("CidrIp").asText();
    }
}
