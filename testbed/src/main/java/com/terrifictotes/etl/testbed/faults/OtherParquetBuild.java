package com.terrifictotes.etl.testbed.faults;

import java.nio.charset.StandardCharsets;

/**
 * A Parquet file as another build of the same library would have written it: every Parquet footer names the writer
 * ({@code created_by}, e.g. {@code parquet-mr version 1.18.1 (build 7c22cdba...)}), and only the build id differs
 * here. Same length, so the footer stays valid and every reader decodes the same rows from other bytes: what a
 * redeploy with an upgraded Parquet library meets when it completes a batch its predecessor half-published.
 */
public final class OtherParquetBuild {
    private static final String BUILD = "(build ";

    private OtherParquetBuild() {
    }

    public static byte[] of(byte[] parquet) {
        String text = new String(parquet, StandardCharsets.ISO_8859_1);
        int build = text.lastIndexOf(BUILD);
        if (build < 0) {
            throw new IllegalArgumentException("the footer names no build: not a file parquet-java wrote");
        }
        int start = build + BUILD.length();
        int end = text.indexOf(')', start);
        byte[] other = parquet.clone();
        for (int i = start; i < end; i++) {
            other[i] = (byte) (other[i] == 'a' ? 'b' : 'a');
        }
        return other;
    }
}
