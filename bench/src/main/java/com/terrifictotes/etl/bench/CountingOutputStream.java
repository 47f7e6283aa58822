package com.terrifictotes.etl.bench;

import java.io.OutputStream;

/** Discards what it is given and counts the bytes: the sink of a reference export or a hot path's output. */
public final class CountingOutputStream extends OutputStream {
    private long count;

    public long count() {
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
