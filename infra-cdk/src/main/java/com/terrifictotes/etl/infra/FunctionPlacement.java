package com.terrifictotes.etl.infra;

import java.util.List;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;

/** The VPC subnets and security group a database-facing function runs in. */
public record FunctionPlacement(IVpc vpc, List<ISubnet> subnets, ISecurityGroup securityGroup) {
    public FunctionPlacement {
        subnets = List.copyOf(subnets);
    }
}
