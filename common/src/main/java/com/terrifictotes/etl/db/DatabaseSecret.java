package com.terrifictotes.etl.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.error.ConfigurationException;
import java.io.IOException;

/**
 * Database credentials in the RDS secret shape {@code {"host","port","dbname","username","password"}}.
 * {@link #toString()} never shows the password, and parse errors name the secret and the field, never a value.
 */
public record DatabaseSecret(String host, int port, String dbname, String username, String password) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static DatabaseSecret parse(String secretId, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            // Jackson's message would quote the secret's text: say only where it failed.
            throw new ConfigurationException("secret " + secretId + " is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException("secret " + secretId + " is not a JSON object");
        }
        return new DatabaseSecret(
                text(secretId, root, "host"),
                port(secretId, root),
                text(secretId, root, "dbname"),
                text(secretId, root, "username"),
                text(secretId, root, "password"));
    }

    private static String text(String secretId, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || !node.isValueNode() || node.asText().isEmpty()) {
            throw new ConfigurationException("secret " + secretId + " has no field \"" + field + "\"");
        }
        return node.asText();
    }

    private static int port(String secretId, JsonNode root) {
        JsonNode node = root.get("port");
        if (node == null || node.isNull()) {
            return 5432;
        }
        try {
            int port = node.isNumber() ? node.intValue() : Integer.parseInt(node.asText());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException("secret " + secretId + " has an invalid \"port\"");
    }

    @Override
    public String toString() {
        return "DatabaseSecret[host=" + host + ", port=" + port + ", dbname=" + dbname + ", username=" + username
                + ", password=***]";
    }
}
