package com.terrifictotes.etl.infra;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupProps;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.constructs.Construct;

/**
 * Optional VPC placement of the extractor and the loader, from {@link NetworkSettings}. The VPC and its subnets are
 * imported by id (no lookup, so synthesis stays offline). The functions get one security group that may only open
 * HTTPS (AWS APIs) and the database port; a database security group named in context gains one ingress rule from it.
 */
public final class DatabaseNetwork extends Construct {
    private final FunctionPlacement placement;

    public DatabaseNetwork(Construct scope, String id, NetworkSettings settings) {
        super(scope, id);
        // The functions get explicit subnets, so the VPC's own zone and subnet lists are never consulted; CDK only
        // insists the zone list be non-empty. No lookup: synthesis needs no AWS account.
        IVpc vpc = Vpc.fromVpcAttributes(this, "Vpc", VpcAttributes.builder()
                .vpcId(settings.vpcId())
                .availabilityZones(List.of(Fn.select(0, Fn.getAzs())))
                .build());
        SecurityGroup functions = new SecurityGroup(this, "FunctionSecurityGroup", SecurityGroupProps.builder()
                .vpc(vpc)
                .description("totes-etl extractor and loader: out to AWS APIs and the databases only")
                .allowAllOutbound(false)
                .build());
        functions.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "AWS APIs (S3, Secrets Manager, CloudWatch, X-Ray)");
        functions.addEgressRule(Peer.anyIpv4(), Port.tcp(settings.databasePort()), "ToteSys and warehouse");
        allowFrom("ToteSysIngress", settings.totesysSecurityGroupId(), functions, settings.databasePort(), "ToteSys");
        allowFrom("WarehouseIngress", settings.warehouseSecurityGroupId(), functions, settings.databasePort(),
                "warehouse");
        placement = new FunctionPlacement(vpc, settings.subnetIds().stream().map(this::subnet).toList(), functions);
    }

    private ISubnet subnet(String subnetId) {
        ISubnet subnet = Subnet.fromSubnetId(this, "Subnet-" + subnetId, subnetId);
        Annotations.of(subnet).acknowledgeWarning("@aws-cdk/aws-ec2:noSubnetRouteTableId",
                "Lambda placement needs only the subnet id; nothing in this stack reads its route table");
        return subnet;
    }

    public FunctionPlacement placement() {
        return placement;
    }

    private void allowFrom(String id, Optional<String> databaseGroupId, ISecurityGroup functions, int port,
                           String database) {
        databaseGroupId.ifPresent(groupId -> {
            ISecurityGroup databaseGroup = SecurityGroup.fromSecurityGroupId(this, id + "Group", groupId);
            databaseGroup.addIngressRule(functions, Port.tcp(port), "totes-etl functions to the " + database + " database");
        });
    }
}
