package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.infra.NetworkSettings.VpcEndpointService;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.services.ec2.CfnVPCEndpoint;
import software.amazon.awscdk.services.ec2.CfnVPCEndpointProps;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointProps;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupProps;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.constructs.Construct;

/**
 * The VPC endpoints through which functions in subnets without a NAT reach the AWS APIs their code calls: a gateway
 * endpoint for S3 on the subnets' route tables, and an interface endpoint with private DNS for Secrets Manager in the
 * functions' subnets, open on 443 to the functions' security group only. Nothing else is needed: Lambda delivers the
 * functions' logs (and so their EMF metrics) and their X-Ray segments itself, outside the function's network
 * interface; the secrets' KMS decryption is done by Secrets Manager; credentials come from the runtime, not STS.
 *
 * <p>Endpoint policies are left at their default (full access): private DNS and gateway routes apply to the whole VPC
 * and route tables, so a policy narrowed to this pipeline would cut off every other workload that shares them. The
 * functions' roles are what limits what they do.
 */
public final class VpcEndpoints extends Construct {
    private final Optional<CfnVPCEndpoint> s3Gateway;
    private final Optional<InterfaceVpcEndpoint> secretsManager;
    private final Optional<SecurityGroup> interfaceSecurityGroup;

    public VpcEndpoints(Construct scope, String id, NetworkSettings settings, IVpc vpc, List<ISubnet> subnets,
                        ISecurityGroup functions) {
        super(scope, id);
        s3Gateway = settings.endpoints().contains(VpcEndpointService.S3)
                ? Optional.of(new CfnVPCEndpoint(this, "S3Gateway", CfnVPCEndpointProps.builder()
                        .vpcId(settings.vpcId())
                        .serviceName(GatewayVpcEndpointAwsService.S3.getName())
                        .vpcEndpointType("Gateway")
                        .routeTableIds(settings.routeTableIds())
                        .build()))
                : Optional.empty();
        if (settings.endpoints().contains(VpcEndpointService.SECRETS_MANAGER)) {
            SecurityGroup group = new SecurityGroup(this, "InterfaceSecurityGroup", SecurityGroupProps.builder()
                    .vpc(vpc)
                    .description("totes-etl interface endpoints: HTTPS in from the pipeline functions only")
                    .allowAllOutbound(false)
                    .build());
            interfaceSecurityGroup = Optional.of(group);
            InterfaceVpcEndpoint endpoint = new InterfaceVpcEndpoint(this, "SecretsManager",
                    InterfaceVpcEndpointProps.builder()
                            .vpc(vpc)
                            .service(InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
                            .subnets(SubnetSelection.builder().subnets(subnets).build())
                            .securityGroups(List.of(group))
                            .privateDnsEnabled(true)
                            .open(false)
                            .build());
            endpoint.getConnections().allowFrom(functions, Port.tcp(DatabaseNetwork.HTTPS),
                    "totes-etl functions to Secrets Manager");
            secretsManager = Optional.of(endpoint);
        } else {
            interfaceSecurityGroup = Optional.empty();
            secretsManager = Optional.empty();
        }
    }

    public Optional<CfnVPCEndpoint> s3Gateway() {
        return s3Gateway;
    }

    public Optional<InterfaceVpcEndpoint> secretsManager() {
        return secretsManager;
    }

    /** The security group of the Secrets Manager endpoint, when this stack creates it. */
    public Optional<SecurityGroup> secretsManagerSecurityGroup() {
        return interfaceSecurityGroup;
    }
}
