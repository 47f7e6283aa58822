package com.terrifictotes.etl.transformer;

/**
 * A CSV cell whose text is no value of its column's kind ({@code 12x} in an integer column). It stays in its row, so
 * that the row version is quarantined naming the column and the text, rather than the file refused as a whole.
 */
record UnreadableValue(String text, String reason) {
    @Override
    public String toString() {
        return text;
    }
}
