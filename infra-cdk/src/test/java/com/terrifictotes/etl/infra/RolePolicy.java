package com.terrifictotes.etl.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Allow statements of every inline policy attached to one role, with resources rendered as text (see
 * {@link Resources#render}), and an IAM-style match: {@code *} and {@code ?} wildcards, actions case-insensitive.
 * Enough to ask "may this role make this call on this resource?" of a synthesised template.
 */
final class RolePolicy {
    record Statement(List<String> actions, List<String> resources, JsonNode conditions) {
    }

    private final List<Statement> statements = new ArrayList<>();

    RolePolicy(Resources template, String roleLogicalId) {
        template.ofType("AWS::IAM::Policy").values().forEach(policy -> {
            boolean attached = Resources.list(policy.path("Properties").path("Roles")).stream()
                    .anyMatch(role -> roleLogicalId.equals(Resources.referenced(role)));
            if (attached) {
                policy.path("Properties").path("PolicyDocument").path("Statement").forEach(this::add);
            }
        });
    }

    private void add(JsonNode statement) {
        if (!"Allow".equals(statement.path("Effect").asText())) {
            throw new AssertionError("role policies are allow-lists; found " + statement);
        }
        statements.add(new Statement(
                Resources.list(statement.get("Action")).stream().map(JsonNode::asText).toList(),
                Resources.list(statement.get("Resource")).stream().map(Resources::render).toList(),
                statement.get("Condition")));
    }

    List<Statement> statements() {
        return statements;
    }

    /** Whether some unconditional statement allows the action on the resource. */
    boolean allows(String action, String resource) {
        return statements.stream().anyMatch(s -> s.conditions() == null
                && s.actions().stream().anyMatch(a -> matches(a, action, true))
                && s.resources().stream().anyMatch(r -> matches(r, resource, false)));
    }

    /** Every action the role is granted on resources matching the given resource exactly or by wildcard. */
    List<String> actionsOn(String resource) {
        return statements.stream()
                .filter(s -> s.resources().stream().anyMatch(r -> matches(r, resource, false)))
                .flatMap(s -> s.actions().stream()).distinct().sorted().toList();
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.DOTALL : Pattern.DOTALL)
                .matcher(value).matches();
    }
}
