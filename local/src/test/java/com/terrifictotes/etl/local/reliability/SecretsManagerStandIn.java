package com.terrifictotes.etl.local.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Answers {@code GetSecretValue} in the Secrets Manager JSON protocol, so a handler's real SDK client, pointed here by
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, reads its credentials exactly as it would in AWS. Unknown ids get
 * Secrets Manager's own ResourceNotFoundException.
 */
final class SecretsManagerStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final HttpServer server;

    SecretsManagerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    void put(String secretId, String secretString) {
        secrets.put(secretId, secretString);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String secretId = request.path("SecretId").asText();
        if (!"secretsmanager.GetSecretValue".equals(target)) {
            respond(exchange, 400, JSON.createObjectNode().put("__type", "InvalidRequestException")
                    .put("message", "unsupported " + target).toString());
        } else if (!secrets.containsKey(secretId)) {
            respond(exchange, 400, JSON.createObjectNode().put("__type", "ResourceNotFoundException")
                    .put("message", "Secrets Manager can't find the specified secret.").toString());
        } else {
            respond(exchange, 200, JSON.createObjectNode().put("ARN", secretId).put("Name", secretId)
                    .put("SecretString", secrets.get(secretId)).put("VersionId", "stand-in").toString());
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
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
