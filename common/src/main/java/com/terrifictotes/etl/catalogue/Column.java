package com.terrifictotes.etl.catalogue;

import java.util.Objects;

/**
 * One column of a catalogue table.
 *
 * @param enumType the enum type for {@link ColumnType#ENUM} columns, otherwise null
 */
public record Column(String name, ColumnType type, boolean nullable, EnumType enumType) {
    public Column {
        Identifiers.requireValid(name);
        Objects.requireNonNull(type, "type");
        if ((type == ColumnType.ENUM) != (enumType != null)) {
            throw new IllegalArgumentException("column " + name + ": an enum type goes with type ENUM, and only with it");
        }
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, false, null);
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, true, null);
    }

    public static Column requiredEnum(String name, EnumType enumType) {
        return new Column(name, ColumnType.ENUM, false, enumType);
    }

    /** The DDL type, as {@code format_type} prints it. */
    public String sqlType() {
        return type == ColumnType.ENUM ? enumType.sqlName() : type.sqlType();
    }

    /** The column name quoted for SQL. */
    public String quotedName() {
        return Identifiers.quote(name);
    }

    /** The same column, accepting NULL. */
    public Column asNullable() {
        return new Column(name, type, true, enumType);
    }

    /** The same column under another name, as when the warehouse renames a source column. */
    public Column renamed(String newName) {
        return new Column(newName, type, nullable, enumType);
    }
}
