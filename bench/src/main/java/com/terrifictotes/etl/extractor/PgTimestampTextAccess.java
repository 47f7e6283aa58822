package com.terrifictotes.etl.extractor;

/** The hot-paths benchmark's door to the package-private {@link PgTimestampText}. In the bench module only. */
public final class PgTimestampTextAccess {
    public static final int MAX_LENGTH = PgTimestampText.MAX_LENGTH;

    private PgTimestampTextAccess() {
    }

    /** As {@code PgTimestampText.rewrite}: the CSV text of PostgreSQL's {@code in[0, length)} into {@code out}. */
    public static int rewrite(byte[] in, int length, byte[] out) {
        return PgTimestampText.rewrite(in, length, out);
    }
}
