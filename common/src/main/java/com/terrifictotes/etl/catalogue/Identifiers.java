package com.terrifictotes.etl.catalogue;

import java.util.regex.Pattern;

/**
 * The one place where SQL identifiers are checked and quoted. Identifiers only ever come from the catalogue,
 * and the catalogue only admits plain lower-case names, so a quoted identifier can never carry SQL.
 */
public final class Identifiers {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Identifiers() {
    }

    public static String requireValid(String identifier) {
        if (identifier == null || !PLAIN.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
        return identifier;
    }

    /** {@code name} → {@code "name"}, after checking it is a plain identifier. */
    public static String quote(String identifier) {
        return '"' + requireValid(identifier) + '"';
    }
}
