package com.terrifictotes.etl.testbed.faults;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The HTTP layer under a real SDK client, changing one bit of the bytes S3 sends back for one object: what a bad
 * disk, NIC or proxy does to an object whose stored checksum is intact. It sits below the SDK, so everything the SDK
 * checks (the CRC of a full read in checksum mode) sees the changed bytes, as it would in production; a ranged read
 * (a Parquet reader's) is changed too, wherever it covers the chosen offset. Counts the responses it changed.
 */
public final class CorruptingHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate = UrlConnectionHttpClient.create();
    private final String keySuffix;
    private final long offset;
    private final AtomicInteger corrupted = new AtomicInteger();

    /** Flips a bit of the byte at {@code offset} of the object whose key ends with {@code keySuffix}. */
    public CorruptingHttpClient(String keySuffix, long offset) {
        this.keySuffix = keySuffix;
        this.offset = offset;
    }

    /** This client, for {@code S3ClientBuilder.httpClientBuilder} (the test bed's builders name one already). */
    public SdkHttpClient.Builder<?> asBuilder() {
        return new Builder(this);
    }

    /** How many responses carried the changed byte. */
    public int corrupted() {
        return corrupted.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest call = delegate.prepareRequest(request);
        boolean target = request.httpRequest().method() == SdkHttpMethod.GET
                && SdkHttpUtils.urlDecode(request.httpRequest().encodedPath()).endsWith(keySuffix);
        if (!target) {
            return call;
        }
        long start = request.httpRequest().firstMatchingHeader("Range")
                .map(CorruptingHttpClient::rangeStart).orElse(0L);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpExecuteResponse response = call.call();
                Optional<AbortableInputStream> body = response.responseBody();
                if (body.isEmpty() || response.httpResponse().statusCode() / 100 != 2) {
                    return response;
                }
                InputStream flipped = new Flipping(body.get(), offset - start);
                return HttpExecuteResponse.builder().response(response.httpResponse())
                        .responseBody(AbortableInputStream.create(flipped, body.get())).build();
            }

            @Override
            public void abort() {
                call.abort();
            }
        };
    }

    private static long rangeStart(String range) {
        String bytes = range.substring(range.indexOf('=') + 1);
        return Long.parseLong(bytes.substring(0, bytes.indexOf('-')));
    }

    @Override
    public String clientName() {
        return "corrupting-" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private record Builder(SdkHttpClient client) implements SdkHttpClient.Builder<Builder> {
        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return client;
        }
    }

    private final class Flipping extends FilterInputStream {
        private final long at;
        private long position;

        Flipping(InputStream in, long at) {
            super(in);
            this.at = at;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int from, int length) throws IOException {
            int n = super.read(bytes, from, length);
            if (n > 0 && at >= position && at < position + n) {
                bytes[from + (int) (at - position)] ^= 0x01;
                corrupted.incrementAndGet();
            }
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            position += skipped;
            return skipped;
        }
    }
}
