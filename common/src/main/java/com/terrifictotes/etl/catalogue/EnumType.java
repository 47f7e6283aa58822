package com.terrifictotes.etl.catalogue;

import java.util.List;

/** A PostgreSQL enum type of the source database, such as {@code "PaymentTypeName"}. */
public record EnumType(String name, List<String> labels) {
    public EnumType {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("enum type needs a name");
        }
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("enum type " + name + " needs labels");
        }
    }

    /** The type name as DDL and {@code format_type} spell it: quoted, because ToteSys uses mixed case. */
    public String sqlName() {
        return '"' + name + '"';
    }
}
