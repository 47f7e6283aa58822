package com.terrifictotes.etl.infra;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where one database is, as far as the functions' security group needs to know: its security group (same or peered
 * VPC: the functions get egress to it and it gets one ingress rule from them) and/or its address range. With
 * neither, the functions may open the database port to any address.
 */
public record DatabaseAddress(Optional<String> securityGroupId, Optional<String> cidr) {
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)");

    public DatabaseAddress {
        securityGroupId.ifPresent(id -> NetworkSettings.require(SECURITY_GROUP.matcher(id).matches(),
                "security group " + id + " is not a security group id (sg-...)"));
        cidr.ifPresent(range -> NetworkSettings.require(IPV4_CIDR.matcher(range).matches(),
                "address range " + range + " is not an IPv4 CIDR block (10.0.0.0/16)"));
    }

    public static DatabaseAddress unknown() {
        return new DatabaseAddress(Optional.empty(), Optional.empty());
    }

    public boolean known() {
        return securityGroupId.isPresent() || cidr.isPresent();
    }

    static DatabaseAddress fromContext(ContextValues context, String database) {
        return new DatabaseAddress(context.text(database + "SecurityGroupId"), context.text(database + "Cidr"));
    }
}
