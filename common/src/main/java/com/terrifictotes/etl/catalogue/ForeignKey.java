package com.terrifictotes.etl.catalogue;

/** A single-column foreign key: {@code column} references the primary key {@code referencedColumn} of {@code referencedTable}. */
public record ForeignKey(String column, String referencedTable, String referencedColumn) {
    public ForeignKey {
        Identifiers.requireValid(column);
        Identifiers.requireValid(referencedTable);
        Identifiers.requireValid(referencedColumn);
    }
}
