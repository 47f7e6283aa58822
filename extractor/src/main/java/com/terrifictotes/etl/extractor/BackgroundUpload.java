package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link WriteOnceUpload} fed from another thread: the caller's bytes are collected in small chunks and handed
 * to one uploader thread, which checksums them and sends the parts, while the caller goes on reading the source.
 *
 * <p>Why: the upload passes over every byte (its CRC32C, and the copy into the request) and then waits for S3;
 * done inline, the database connection sits idle meanwhile and every stage waits for the others in turn. Memory
 * stays bounded: {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes circulate between the two threads, and the
 * upload holds one part. A failure on the uploader thread is thrown to the caller at its
 * next write or at {@link #close()}, which waits for the object to be published; {@link #abort()} abandons it.
 */
final class BackgroundUpload extends OutputStream {
    private static final int CHUNK_BYTES = 1024 * 1024;
    private static final int CHUNKS = 4;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, int length) {
    }

    private final WriteOnceUpload upload;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread uploader;
    private volatile Throwable failure;
    private byte[] current;
    private int filled;
    private boolean closed;

    BackgroundUpload(WriteOnceUpload upload) {
        this.upload = upload;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_BYTES]);
        }
        this.uploader = new Thread(this::uploadChunks, "upload " + upload.key());
        uploader.setDaemon(true);
        uploader.start();
    }

    String key() {
        return upload.key();
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (current == null) {
                current = take(free);
                filled = 0;
            }
            int n = Math.min(length, current.length - filled);
            System.arraycopy(bytes, offset, current, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == current.length) {
                handOver();
            }
        }
    }

    /** Hands over what is left, waits until the object is published, and throws the uploader's failure if any. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null && filled > 0) {
            handOver();
        }
        put(END);
        join();
        throwIfFailed();
    }

    /** The stored object, once {@link #close()} returned. */
    StoredObject result() {
        return upload.result();
    }

    /** Stops the uploader and abandons the upload: no object appears. */
    void abort() {
        closed = true;
        uploader.interrupt();
        join();
        upload.abort();
    }

    private void handOver() {
        put(new Chunk(current, filled));
        current = null;
        throwIfFailed();
    }

    private void uploadChunks() {
        try {
            for (Chunk chunk = full.take(); chunk != END; chunk = full.take()) {
                upload.write(chunk.bytes(), 0, chunk.length());
                free.put(chunk.bytes());
            }
            upload.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            upload.abort();
            full.clear();
            // the caller may be waiting for a free chunk: give it one, so it sees the failure
            free.offer(new byte[CHUNK_BYTES]);
        }
    }

    private <T> T take(BlockingQueue<T> queue) {
        throwIfFailed();
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + upload.key(), e);
        }
    }

    private void put(Chunk chunk) {
        try {
            full.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + upload.key(), e);
        }
    }

    private void join() {
        try {
            uploader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + upload.key(), e);
        }
    }

    private void throwIfFailed() {
        Throwable failed = failure;
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
    }
}
