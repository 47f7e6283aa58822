package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the two database-facing functions (extractor and loader) run when the databases are only reachable from a
 * VPC, and how they reach the AWS APIs their code calls (S3 and Secrets Manager: nothing else; Lambda itself ships
 * their logs, metrics and traces outside the VPC).
 *
 * @param subnetIds       the functions' subnets; interface endpoints go into the same subnets, so one per zone
 * @param routeTableIds   the route tables of those subnets, which the S3 gateway endpoint attaches to
 * @param nat             the subnets route to the internet through a NAT gateway, so AWS APIs are reachable
 *                        without endpoints, and none is created unless {@code endpoints} asks (an S3 gateway endpoint
 *                        still pays: it is free and takes the lake's traffic off the NAT's per-gigabyte charge)
 * @param endpoints       the VPC endpoints the stack creates; leave out those the VPC already has (EC2 refuses a
 *                        second Secrets Manager endpoint with private DNS in one VPC, and a second S3 gateway endpoint
 *                        on one route table)
 * @param s3PrefixListId  the region's S3 prefix list ({@code pl-...}): with it, HTTPS to S3 is narrowed to S3's
 *                        addresses instead of any address
 * @param totesys         where ToteSys is, for the egress rule (and the ingress rule on its security group)
 * @param warehouse       where the warehouse is, likewise
 */
public record NetworkSettings(String vpcId, List<String> subnetIds, List<String> routeTableIds, boolean nat,
                              Set<VpcEndpointService> endpoints, Optional<String> s3PrefixListId,
                              DatabaseAddress totesys, DatabaseAddress warehouse, int databasePort) {
    private static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern ROUTE_TABLE = Pattern.compile("rtb-[0-9a-f]{8,17}");
    private static final Pattern PREFIX_LIST = Pattern.compile("pl-[0-9a-f]{8,17}");

    /** The AWS APIs the functions' code calls, as VPC endpoint services. */
    public enum VpcEndpointService {
        /** A gateway endpoint: free, attached to route tables. */
        S3("s3"),
        /** An interface endpoint with private DNS, in the functions' subnets. */
        SECRETS_MANAGER("secretsmanager");

        private final String contextName;

        VpcEndpointService(String contextName) {
            this.contextName = contextName;
        }

        public String contextName() {
            return contextName;
        }

        static VpcEndpointService parse(String name) {
            for (VpcEndpointService service : values()) {
                if (service.contextName.equals(name.toLowerCase(Locale.ROOT))) {
                    return service;
                }
            }
            throw new ConfigurationException("CDK context vpcEndpoints: '" + name + "' is not one of s3, "
                    + "secretsmanager, none (the functions call no other AWS API)");
        }
    }

    public NetworkSettings {
        subnetIds = List.copyOf(subnetIds);
        routeTableIds = List.copyOf(routeTableIds);
        endpoints = endpoints.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(endpoints));
        require(VPC.matcher(vpcId).matches(), "vpcId=" + vpcId + " is not a VPC id (vpc-...)");
        require(!subnetIds.isEmpty(), "VPC " + vpcId + " needs at least one subnet id (context subnetIds)");
        subnetIds.forEach(id -> require(SUBNET.matcher(id).matches(), "subnetIds: " + id + " is not a subnet id"));
        routeTableIds.forEach(id -> require(ROUTE_TABLE.matcher(id).matches(),
                "routeTableIds: " + id + " is not a route table id (rtb-...)"));
        s3PrefixListId.ifPresent(id -> require(PREFIX_LIST.matcher(id).matches(),
                "s3PrefixListId=" + id + " is not a prefix list id (pl-...)"));
        require(!endpoints.contains(VpcEndpointService.S3) || !routeTableIds.isEmpty(), "vpcEndpoints includes s3, "
                + "and the S3 gateway endpoint attaches to the subnets' route tables: give routeTableIds (aws ec2 describe-route-tables --filters "
                + "Name=association.subnet-id,Values=" + String.join(",", subnetIds) + "), or leave s3 out of "
                + "vpcEndpoints if the VPC already has one");
        require(databasePort >= 1 && databasePort <= 65535, "databasePort=" + databasePort + " is not a TCP port");
    }

    /** The endpoints created when context says nothing: everything the code calls, or nothing behind a NAT. */
    public static Set<VpcEndpointService> defaultEndpoints(boolean nat) {
        return nat ? Set.of() : Set.of(VpcEndpointService.S3, VpcEndpointService.SECRETS_MANAGER);
    }

    static Optional<NetworkSettings> fromContext(ContextValues context) {
        Optional<String> vpcId = context.text("vpcId");
        if (vpcId.isEmpty()) {
            return Optional.empty();
        }
        boolean nat = context.bool("vpcNat").orElse(false);
        Set<VpcEndpointService> endpoints = context.list("vpcEndpoints").map(NetworkSettings::endpoints)
                .orElse(defaultEndpoints(nat));
        return Optional.of(new NetworkSettings(vpcId.get(), context.list("subnetIds").orElse(List.of()),
                context.list("routeTableIds").orElse(List.of()), nat, endpoints, context.text("s3PrefixListId"),
                DatabaseAddress.fromContext(context, "totesys"), DatabaseAddress.fromContext(context, "warehouse"),
                context.integer("databasePort").orElse(5432)));
    }

    private static Set<VpcEndpointService> endpoints(List<String> names) {
        if (names.size() == 1 && names.get(0).equalsIgnoreCase("none")) {
            return Set.of();
        }
        return names.stream().map(VpcEndpointService::parse).collect(Collectors.toSet());
    }

    static void require(boolean valid, String message) {
        if (!valid) {
            throw new ConfigurationException("CDK context " + message);
        }
    }
}
