package com.terrifictotes.etl.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/** The synthesised template as a JSON tree, for assertions that need more than {@code Template.hasResourceProperties}. */
final class Resources {
    private final JsonNode root;

    Resources(Template template) {
        root = new ObjectMapper().valueToTree(template.toJSON());
    }

    JsonNode root() {
        return root;
    }

    /** Logical id to resource, for every resource of the type. */
    Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().path("Type").asText().equals(type)) {
                found.put(entry.getKey(), entry.getValue());
            }
        }
        return found;
    }

    JsonNode get(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new AssertionError("no resource " + logicalId + " in the template");
        }
        return resource;
    }

    /** The properties of the one resource a construct (or its default child) synthesises to. */
    JsonNode properties(IConstruct construct) {
        return get(logicalId(construct)).path("Properties");
    }

    static String logicalId(IConstruct construct) {
        IConstruct element = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        return Stack.of(construct).resolve(((CfnElement) element).getLogicalId()).toString();
    }

    /** {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, ...]}}: the logical id referred to, else null. */
    static String referenced(JsonNode value) {
        if (value.has("Ref")) {
            return value.get("Ref").asText();
        }
        if (value.has("Fn::GetAtt")) {
            return value.get("Fn::GetAtt").get(0).asText();
        }
        return null;
    }

    /**
     * A resource expression as text: {@code Fn::GetAtt [X, Arn]} becomes {@code ${X.Arn}}, {@code Ref X} becomes
     * {@code ${X}} and {@code Fn::Join} concatenates, so object ARNs read {@code ${Bucket.Arn}/data/*}.
     */
    static String render(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            return "${" + value.get("Ref").asText() + "}";
        }
        if (value.has("Fn::GetAtt")) {
            return "${" + value.get("Fn::GetAtt").get(0).asText() + "." + value.get("Fn::GetAtt").get(1).asText() + "}";
        }
        if (value.has("Fn::Join")) {
            List<String> parts = new ArrayList<>();
            value.get("Fn::Join").get(1).forEach(part -> parts.add(render(part)));
            return String.join(value.get("Fn::Join").get(0).asText(), parts);
        }
        return value.toString();
    }

    /** A JSON value that may be one item or a list of them, as a list. */
    static List<JsonNode> list(JsonNode value) {
        List<JsonNode> items = new ArrayList<>();
        if (value == null || value.isMissingNode() || value.isNull()) {
            return items;
        }
        if (value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        return items;
    }
}
