package com.terrifictotes.etl.testbed.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A local HTTP server that answers Secrets Manager's {@code GetSecretValue} (AWS JSON 1.1 protocol) the way the
 * service does, so a handler's real SDK client — built here, or pointed here by
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} — and our error handling run unchanged, without AWS.
 */
public final class SecretsManagerStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final HttpServer server;

    public SecretsManagerStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Secrets Manager stand-in", e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public void put(String secretId, String secretString) {
        secrets.put(secretId, secretString);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A real SDK client for this stand-in. */
    public SecretsManagerClient client() {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String secretId = request.path("SecretId").asText();
        if (!"secretsmanager.GetSecretValue".equals(target)) {
            respond(exchange, 400, error("InvalidRequestException", "unsupported " + target));
        } else if (!secrets.containsKey(secretId)) {
            respond(exchange, 400, error("ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret."));
        } else {
            respond(exchange, 200, JSON.createObjectNode()
                    .put("ARN", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:" + secretId)
                    .put("Name", secretId)
                    .put("SecretString", secrets.get(secretId))
                    .put("VersionId", "v1"));
        }
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
