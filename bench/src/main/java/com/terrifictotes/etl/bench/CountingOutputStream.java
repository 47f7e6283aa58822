package com.terrifictotes.etl.bench;

import java.io.OutputStream;

/** Discards what it is given and counts the bytes: the sink of a reference export. */
final class CountingOutputStream extends OutputStream {
    private long count;

    long count() {
        return count;
    }

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
    }
}
