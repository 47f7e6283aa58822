package com.terrifictotes.etl.extractor;

/**
 * The kinds of schema drift the extractor carries: each is a warning naming the table and column (or label), and a
 * count in the metric {@code SchemaDriftWarnings} with the dimension {@code kind} = {@link #dimension()}.
 */
enum DriftKind {
    /** A source column the catalogue does not know: not extracted. */
    NEW_COLUMN("new_column"),
    /** An enum label the catalogue does not know: delivered as text, like every label. */
    NEW_ENUM_LABEL("new_enum_label"),
    /** A catalogue label the source's enum no longer has (renamed, as PostgreSQL cannot drop one). */
    MISSING_ENUM_LABEL("missing_enum_label"),
    /** A type that holds more than the catalogue's: a value the warehouse cannot hold is quarantined downstream. */
    WIDENED_TYPE("widened_type"),
    /** A type whose every value the catalogue's type holds. */
    NARROWED_TYPE("narrowed_type"),
    /** A NOT NULL column that now allows NULL: a NULL is delivered as NULL. */
    NULLABLE_COLUMN("nullable_column");

    private final String dimension;

    DriftKind(String dimension) {
        this.dimension = dimension;
    }

    /** The value of the metric's {@code kind} dimension. */
    String dimension() {
        return dimension;
    }
}
