package com.terrifictotes.etl.s3;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the S3 client every stage uses. On AWS: the region from {@code AWS_REGION} and the default credential chain
 * (which SnapStart needs). With {@code AWS_ENDPOINT_URL_S3} set (the local runner, tests, any S3-compatible server):
 * that endpoint with path-style addressing, since such servers rarely resolve virtual-host bucket names, and plain
 * (not {@code aws-chunked}) request bodies: S3Proxy stores a chunked PUT but leaves its last bytes unread, and Jetty
 * then closes the connection under the writer (about 1% of PUTs under load failed, retries included).
 *
 * <p>Payloads are never hashed for SigV4 ({@link UnsignedPayloadSigning}): every upload carries its CRC32C in a header,
 * which S3 validates, so the SHA-256 of each body (the SDK's default over plain HTTP) bought nothing but CPU.
 */
public final class S3Clients {
    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_S3";

    private S3Clients() {
    }

    public static S3Client fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static S3Client fromEnvironment(Map<String, String> environment) {
        return configured(S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()), environment)
                .build();
    }

    /**
     * {@code builder} set up as {@link #fromEnvironment(Map)} sets it up, whatever its HTTP client: for the snapshot's
     * priming, and for tests whose clients must talk to S3 exactly as the stages do.
     */
    public static S3ClientBuilder configured(S3ClientBuilder s3, Map<String, String> environment) {
        S3ClientBuilder builder = withoutPayloadSigning(s3);
        Optional.ofNullable(environment.get("AWS_REGION")).filter(r -> !r.isBlank())
                .ifPresent(region -> builder.region(Region.of(region)));
        Optional.ofNullable(environment.get(ENDPOINT_VARIABLE)).filter(e -> !e.isBlank())
                .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build()));
        return builder;
    }

    /** {@code builder}, signing requests without a SHA-256 of their payload on HTTP as on HTTPS. */
    public static S3ClientBuilder withoutPayloadSigning(S3ClientBuilder builder) {
        return builder.putAuthScheme(UnsignedPayloadSigning.scheme());
    }
}
