package com.terrifictotes.etl.local.e2e;

import com.terrifictotes.etl.s3.S3Clients;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server as the stages reach one outside AWS. Its clients are built by {@link S3Clients} from the
 * variables the local runner sets ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3}), so they send what the stages'
 * own clients send: path-style requests and plain bodies with no payload hash. A client built here by hand once
 * kept the SDK's {@code aws-chunked} uploads, which S3Proxy leaves partly unread; Jetty then closed connections
 * under the writer, and a part upload failed with "Error writing request body to server" now and then, retries
 * included.
 */
record S3Endpoint(URI endpoint, String region, String accessKey, String secretKey) {

    S3Client client(ExecutionInterceptor... interceptors) {
        Map<String, String> environment = Map.of("AWS_REGION", region,
                S3Clients.ENDPOINT_VARIABLE, endpoint.toString());
        return S3Clients.configured(S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()),
                        environment)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor interceptor : interceptors) {
                        c.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }
}
