package com.terrifictotes.etl.s3;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 without the SHA-256 of the payload, on plain HTTP too. Over HTTPS the SDK already signs S3 requests with
 * {@code UNSIGNED-PAYLOAD} (TLS protects the body and the flexible checksum header lets S3 check it), but over plain
 * HTTP (the local endpoint) its signer hashes every body whatever it is told, which cost a third of the extractor's
 * CPU. Our requests carry a CRC32C of the body in {@code x-amz-checksum-crc32c} that the server validates, so a body
 * changed on the way is refused either way; the signature still covers every header, that checksum included.
 *
 * <p>The signer is the SDK's own, asked to sign the request as it would an HTTPS one: only the choice of payload hash
 * depends on the scheme (the canonical request names host, port and path, never the scheme). Not used on a default
 * port, where the signed {@code Host} header would differ between the schemes.
 */
final class UnsignedPayloadSigning implements HttpSigner<AwsCredentialsIdentity> {
    private static final int HTTP_PORT = 80;

    private final AwsV4HttpSigner delegate = AwsV4HttpSigner.create();

    /** The {@code aws.auth#sigv4} scheme with this signer, for {@code S3ClientBuilder.putAuthScheme}. */
    static AuthScheme<AwsCredentialsIdentity> scheme() {
        UnsignedPayloadSigning signer = new UnsignedPayloadSigning();
        return new AuthScheme<>() {
            @Override
            public String schemeId() {
                return AwsV4AuthScheme.SCHEME_ID;
            }

            @Override
            public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                return providers.identityProvider(AwsCredentialsIdentity.class);
            }

            @Override
            public HttpSigner<AwsCredentialsIdentity> signer() {
                return signer;
            }
        };
    }

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        return signUnsigned(request);
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
        return delegate.signAsync(request);
    }

    private <T extends AwsCredentialsIdentity> SignedRequest signUnsigned(SignRequest<T> request) {
        SdkHttpRequest http = request.request();
        if (!"http".equals(http.protocol()) || http.port() == HTTP_PORT) {
            return delegate.sign(request);
        }
        SignedRequest signed = delegate.sign(request.copy(b -> b
                .request(http.toBuilder().protocol("https").build())
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)));
        return signed.copy(b -> b.request(signed.request().toBuilder().protocol(http.protocol()).build()));
    }
}
