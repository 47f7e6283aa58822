package com.terrifictotes.etl.testbed.servers;

import com.terrifictotes.etl.s3.S3Clients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The JVM's in-process S3 server (S3Proxy over an in-memory blob store, or over files in the directory named by
 * {@link TestBed#S3_DIRECTORY_PROPERTY}) and a real SDK client for it.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "testbed-access-key";
    static final String SECRET_KEY = "testbed-secret-key";
    static final Region REGION = Region.US_EAST_1;
    private static final long STARTUP_WAIT_MILLIS = 30_000;

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;
    private final AtomicInteger buckets = new AtomicInteger();

    private S3Server(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = clientBuilder().build();
    }

    /**
     * How clients of this server are built. Chunked encoding is off: S3Proxy stores an {@code aws-chunked} upload
     * but leaves the body's last bytes unread, and Jetty then closes the connection while the client still writes
     * them, so now and then (about one PUT in a hundred under load) the writer sees "Error writing request body to
     * server" for an object that was stored, and its retries fail the same way. Without chunking, not once in
     * thousands. The checksum goes in a header and, as the stages' own clients do ({@link S3Clients}), the payload is
     * not hashed for the signature: S3Proxy validates the checksum header instead.
     */
    S3ClientBuilder clientBuilder() {
        return S3Clients.withoutPayloadSigning(S3Client.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
    }

    static S3Server start() {
        return start(System.getProperty(TestBed.S3_DIRECTORY_PROPERTY));
    }

    /** @param directory where objects are kept as files; null or blank for memory */
    static S3Server start(String directory) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore(directory))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("cannot start the in-process S3 server: " + e.getMessage(), e);
        }
        return new S3Server(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** In memory by default; in files when a directory is named, so big data sets do not live in the heap. */
    static BlobStore blobStore(String directory) {
        if (directory == null || directory.isBlank()) {
            return new TransientNio2BlobStore();
        }
        try {
            return new FilesystemNio2BlobStore(Files.createDirectories(Path.of(directory)).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 server's directory " + directory, e);
        }
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.currentTimeMillis() + STARTUP_WAIT_MILLIS;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy still " + proxy.getState() + " after "
                        + STARTUP_WAIT_MILLIS + " ms");
            }
            Thread.sleep(10);
        }
    }

    S3Client client() {
        return client;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * Creates a bucket named after the hint (lower-cased, reduced to [a-z0-9-]) plus a number unique to this server.
     * Over a kept directory an earlier process's buckets are still there under the same numbers (a second
     * {@code ./pipeline bench --cold-start} in one work directory failed on its first bucket), so a name already taken
     * is skipped, never reused: its objects belong to that earlier run.
     */
    String createBucket(String hint) {
        while (true) {
            String name = bucketName(hint, buckets.incrementAndGet());
            try {
                client.createBucket(b -> b.bucket(name));
                return name;
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException taken) {
                // left by an earlier process in the same directory: try the next number
            }
        }
    }

    static String bucketName(String hint, int number) {
        String base = (hint == null ? "" : hint).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^-+|-+$", "");
        String suffix = "-" + number;
        if (base.length() > 63 - suffix.length()) {
            base = base.substring(0, 63 - suffix.length()).replaceAll("-+$", "");
        }
        return (base.length() < 3 ? "bucket" + (base.isEmpty() ? "" : "-" + base) : base) + suffix;
    }

    @Override
    public void close() {
        client.close();
        stopQuietly(proxy);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // shutting down anyway; nothing to do with a proxy that will not stop
        }
    }
}
