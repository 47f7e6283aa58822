package com.terrifictotes.etl.bench.hotpaths;

import com.terrifictotes.etl.bench.hotpaths.HotPath.Candidate;
import com.terrifictotes.etl.bench.hotpaths.HotPathInputs.TableCopy;
import com.terrifictotes.etl.loader.BinaryCopyAccess;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.util.ByteStreamWriter;

/**
 * The loader's binary COPY on its way to pgjdbc: {@code CopyBuffer} against the JDK's {@code DataOutputStream}, each
 * in front of pgjdbc's own buffered {@code PGCopyOutputStream}, as {@code FileCopy} streams a file. Both make the
 * calls the loader's encoder made for the batch's largest tables ({@link CopyCalls}: every integer, byte and piece of
 * text, recovered from its output), so the Parquet reading and the encoding, the same for both, are left out, as are
 * the network and the server: pgjdbc's {@code CopyIn} is a stand-in that counts the bytes.
 */
final class BinaryCopyPaths {
    private BinaryCopyPaths() {
    }

    static HotPath build(HotPathInputs inputs) {
        List<CopyCalls> tables = new ArrayList<>();
        long bytes = 0;
        for (TableCopy table : inputs.copies()) {
            CopyCalls calls = CopyCalls.of(table.table(), table.copy());
            for (boolean ours : new boolean[] {true, false}) {
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                replay(calls, new PGCopyOutputStream(new CopyInStandIn(written), BinaryCopyAccess.COPY_BUFFER_BYTES),
                        ours);
                if (!Arrays.equals(written.toByteArray(), table.copy())) {
                    throw new IllegalStateException((ours ? "CopyBuffer" : "DataOutputStream")
                            + " does not write the loader's binary COPY of " + table.table().name());
                }
            }
            tables.add(calls);
            bytes += calls.bytes();
        }
        return new HotPath("binary COPY (loader)", HotPath.MEGABYTES_PER_SECOND, bytes, List.of(
                new Candidate("CopyBuffer", () -> timed(tables, true)),
                new Candidate("DataOutputStream", () -> timed(tables, false))),
                String.format("byte-identical on %,d rows (%.1f MB of binary COPY)", inputs.copyRows(), bytes / 1e6));
    }

    private static long timed(List<CopyCalls> tables, boolean ours) {
        CountingCopyIn sink = new CountingCopyIn();
        for (CopyCalls calls : tables) {
            replay(calls, new PGCopyOutputStream(sink, BinaryCopyAccess.COPY_BUFFER_BYTES), ours);
        }
        return sink.count;
    }

    private static void replay(CopyCalls calls, PGCopyOutputStream copy, boolean ours) {
        calls.rewind();
        try {
            if (ours) {
                BinaryCopyAccess.replay(calls, copy);
            } else {
                viaDataOutputStream(calls, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same calls, each made on a {@code DataOutputStream} straight over pgjdbc's buffered stream. The loop repeats
     * {@code BinaryCopyAccess.replay}'s on purpose: each candidate's calls are bound to its own class, as the
     * encoder's are in the loader; a shared loop over an interface would time the dispatch too.
     */
    private static void viaDataOutputStream(CopyCalls calls, OutputStream copy) throws IOException {
        DataOutputStream out = new DataOutputStream(copy);
        byte[] kinds = calls.kinds();
        long[] values = calls.values();
        ByteBuffer[] texts = calls.texts();
        int text = 0;
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case CopyCalls.INT16 -> out.writeShort((int) values[i]);
                case CopyCalls.INT32 -> out.writeInt((int) values[i]);
                case CopyCalls.INT64 -> out.writeLong(values[i]);
                case CopyCalls.BYTE -> out.write((int) values[i]);
                default -> {
                    ByteBuffer bytes = texts[text++];
                    out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                }
            }
        }
        out.flush();
    }

    /** pgjdbc's COPY operation without a server: keeps or counts what it is sent. */
    private static class CountingCopyIn implements CopyIn {
        long count;

        @Override
        public void writeToCopy(byte[] buf, int off, int siz) {
            count += siz;
        }

        @Override
        public void writeToCopy(ByteStreamWriter from) {
            throw new UnsupportedOperationException("the loader streams bytes");
        }

        @Override
        public void flushCopy() {
        }

        @Override
        public long endCopy() {
            return 0;
        }

        @Override
        public int getFieldCount() {
            return 0;
        }

        @Override
        public int getFormat() {
            return 1;
        }

        @Override
        public int getFieldFormat(int field) {
            return 1;
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public void cancelCopy() {
        }

        @Override
        public long getHandledRowCount() {
            return 0;
        }
    }

    /** The same, keeping the bytes for the check. */
    private static final class CopyInStandIn extends CountingCopyIn {
        private final ByteArrayOutputStream kept;

        CopyInStandIn(ByteArrayOutputStream kept) {
            this.kept = kept;
        }

        @Override
        public void writeToCopy(byte[] buf, int off, int siz) {
            kept.write(buf, off, siz);
        }
    }
}
