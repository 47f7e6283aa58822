package com.terrifictotes.etl.infra;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.ec2.IPeer;
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
 * imported by id (no lookup, so synthesis stays offline). The functions get one security group whose egress is only
 * what their code calls: HTTPS to S3 and Secrets Manager (through the {@link VpcEndpoints} created here where
 * possible), and the database port to ToteSys and the warehouse. Each destination is as narrow as context allows: a
 * security group, an address range or a prefix list; "any address" only where context names none. A database
 * security group named in context gains one ingress rule from the functions.
 */
public final class DatabaseNetwork extends Construct {
    static final int HTTPS = 443;

    private final FunctionPlacement placement;
    private final SecurityGroup functions;
    private final VpcEndpoints endpoints;

    public DatabaseNetwork(Construct scope, String id, NetworkSettings settings) {
        super(scope, id);
        // The functions get explicit subnets, so the VPC's own zone and subnet lists are never consulted; CDK only
        // insists the zone list be non-empty. No lookup: synthesis needs no AWS account.
        IVpc vpc = Vpc.fromVpcAttributes(this, "Vpc", VpcAttributes.builder()
                .vpcId(settings.vpcId())
                .availabilityZones(List.of(Fn.select(0, Fn.getAzs())))
                .build());
        functions = new SecurityGroup(this, "FunctionSecurityGroup", SecurityGroupProps.builder()
                .vpc(vpc)
                .description("totes-etl extractor and loader: out to S3, Secrets Manager and the databases only")
                .allowAllOutbound(false)
                .build());
        List<ISubnet> subnets = settings.subnetIds().stream().map(this::subnet).toList();
        endpoints = new VpcEndpoints(this, "Endpoints", settings, vpc, subnets, functions);
        allowHttps(settings);
        allowDatabase("ToteSys", settings.totesys(), settings.databasePort());
        allowDatabase("Warehouse", settings.warehouse(), settings.databasePort());
        if (!settings.totesys().known() || !settings.warehouse().known()) {
            functions.addEgressRule(Peer.anyIpv4(), Port.tcp(settings.databasePort()),
                    "A database whose address context does not give (totesysCidr, warehouseCidr, ...SecurityGroupId)");
        }
        placement = new FunctionPlacement(vpc, subnets, functions);
    }

    /**
     * HTTPS to the two APIs. Secrets Manager through an endpoint created here is reached by the endpoint's security
     * group (the endpoint's own rules add that egress); S3, by gateway endpoint or NAT alike, at S3's addresses: the
     * region's S3 prefix list, when context gives its id. An API whose address is not known that way (behind a NAT,
     * or through an endpoint the VPC already had) is reached by any address on port 443, which then covers both.
     */
    private void allowHttps(NetworkSettings settings) {
        Optional<IPeer> s3 = settings.s3PrefixListId().map(Peer::prefixList);
        if (s3.isPresent() && endpoints.secretsManager().isPresent()) {
            functions.addEgressRule(s3.get(), Port.tcp(HTTPS), "S3, by its prefix list");
        } else {
            functions.addEgressRule(Peer.anyIpv4(), Port.tcp(HTTPS),
                    "S3 and Secrets Manager at addresses context does not give (s3PrefixListId, vpcEndpoints)");
        }
    }

    private void allowDatabase(String database, DatabaseAddress address, int port) {
        address.cidr().ifPresent(cidr -> functions.addEgressRule(Peer.ipv4(cidr), Port.tcp(port), database));
        address.securityGroupId().ifPresent(groupId -> {
            ISecurityGroup databaseGroup = SecurityGroup.fromSecurityGroupId(this, database + "IngressGroup", groupId);
            // egress on ours and one ingress rule on theirs (a separate resource: their group is not ours to replace)
            functions.getConnections().allowTo(databaseGroup, Port.tcp(port),
                    "totes-etl functions to the " + database + " database");
        });
    }

    private ISubnet subnet(String subnetId) {
        ISubnet subnet = Subnet.fromSubnetId(this, "Subnet-" + subnetId, subnetId);
        Annotations.of(subnet).acknowledgeWarning("@aws-cdk/aws-ec2:noSubnetRouteTableId",
                "Lambda and the interface endpoints need only the subnet id; the S3 gateway endpoint takes the route "
                        + "tables from context routeTableIds");
        return subnet;
    }

    public FunctionPlacement placement() {
        return placement;
    }

    public SecurityGroup functionSecurityGroup() {
        return functions;
    }

    public VpcEndpoints endpoints() {
        return endpoints;
    }
}
