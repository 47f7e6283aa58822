package com.terrifictotes.etl.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * Answers Secrets Manager's {@code GetSecretValue} (AWS JSON 1.1) for a fixed set of secrets, so the real SDK
 * client in the jar under test reads its warehouse secret without AWS.
 */
final class SecretsManagerStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> secrets;
    private final HttpServer server;

    SecretsManagerStandIn(Map<String, String> secrets) throws IOException {
        this.secrets = Map.copyOf(secrets);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String secretId = request.path("SecretId").asText();
        boolean known = "secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                && secrets.containsKey(secretId);
        Map<String, String> body = known
                ? Map.of("Name", secretId, "SecretString", secrets.get(secretId), "VersionId", "v1",
                        "ARN", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:" + secretId)
                : Map.of("__type", "ResourceNotFoundException", "message", "no such secret");
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(known ? 200 : 400, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
