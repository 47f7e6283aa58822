package com.terrifictotes.etl.infra;

import java.util.List;
import java.util.Optional;

/**
 * Where the two database-facing functions (extractor and loader) run when the databases are only reachable from a
 * VPC. The subnets need a route to S3, Secrets Manager, CloudWatch and X-Ray (NAT gateway or VPC endpoints) and,
 * for the extractor, to ToteSys. A database security group, when named, gets an ingress rule from the functions'
 * security group on {@code databasePort}; without one the operator opens the database some other way.
 */
public record NetworkSettings(String vpcId, List<String> subnetIds, Optional<String> totesysSecurityGroupId,
                              Optional<String> warehouseSecurityGroupId, int databasePort) {
    public NetworkSettings {
        subnetIds = List.copyOf(subnetIds);
        if (subnetIds.isEmpty()) {
            throw new IllegalArgumentException("VPC " + vpcId + " needs at least one subnet id (context subnetIds)");
        }
        if (databasePort < 1 || databasePort > 65535) {
            throw new IllegalArgumentException("databasePort " + databasePort + " is not a TCP port");
        }
    }
}
