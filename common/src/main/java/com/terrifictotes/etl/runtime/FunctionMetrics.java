package com.terrifictotes.etl.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The one way every function's metrics go out: CloudWatch Embedded Metric Format printed by Powertools (no API call),
 * in {@link MetricNames#NAMESPACE}, every dimension set starting with {@link MetricNames#SERVICE} = the function. A
 * document of a function's own values has that one dimension set; a document per table (per outcome, per kind) has
 * two, {@code Service} + that dimension first and {@code Service} alone second, so each value also counts toward the
 * function's total, which a chart or an alarm can read without knowing every table.
 *
 * <p>Each document names its namespace and dimensions itself rather than leaning on Powertools' defaults: Powertools
 * keeps one metrics object per JVM, and where several functions share a JVM (the local runner, the tests) the last
 * one to set the defaults would otherwise speak for all. Invocation-level values ({@link #add}) are gathered here
 * and go out as one document at {@link #flush}; the others ({@link #emit}, {@link #emitPer}) go out at once.
 */
public final class FunctionMetrics {
    private final Metrics metrics;
    private final String namespace;
    private final String service;
    private final Map<String, Value> invocation = new LinkedHashMap<>();

    private record Value(double value, MetricUnit unit) {
    }

    public FunctionMetrics(Metrics metrics, String namespace, String service) {
        this.metrics = metrics;
        this.namespace = namespace;
        this.service = service;
    }

    /**
     * Powertools' metrics for {@code service}, in the namespace the environment names, else
     * {@link MetricNames#NAMESPACE}.
     */
    public static FunctionMetrics of(String service, Map<String, String> environment) {
        return new FunctionMetrics(MetricsFactory.getMetricsInstance(), namespace(environment), service);
    }

    /** {@code POWERTOOLS_METRICS_NAMESPACE} when set and not blank, else {@link MetricNames#NAMESPACE}. */
    public static String namespace(Map<String, String> environment) {
        String configured = environment.get(MetricNames.NAMESPACE_VARIABLE);
        return configured == null || configured.isBlank() ? MetricNames.NAMESPACE : configured.trim();
    }

    public String service() {
        return service;
    }

    /** A value of this invocation, sent with the others at {@link #flush}; a second value of a name replaces it. */
    public synchronized void add(String name, double value, MetricUnit unit) {
        invocation.put(name, new Value(value, unit));
    }

    /** One value in a document of its own, now, with the service dimension alone. */
    public void emit(String name, double value, MetricUnit unit) {
        emit(m -> m.addMetric(name, value, unit));
    }

    /** Values that belong together (one event's counts) in a document of their own, now, the service alone. */
    public void emit(Consumer<Metrics> values) {
        document(Map.of(), values);
    }

    /**
     * A document of its own, now, dimensioned by the service and {@code dimension} = {@code value}, and by the service
     * alone (the function's total).
     */
    public void emitPer(String dimension, String value, Consumer<Metrics> values) {
        document(Map.of(dimension, value), values);
    }

    /** Sends this invocation's values (if any) as one document and forgets them. */
    public void flush() {
        Map<String, Value> values;
        synchronized (this) {
            values = Map.copyOf(invocation);
            invocation.clear();
        }
        if (!values.isEmpty()) {
            document(Map.of(), m -> values.forEach((name, v) -> m.addMetric(name, v.value(), v.unit())));
        }
    }

    private void document(Map<String, String> dimensions, Consumer<Metrics> values) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(MetricNames.SERVICE, service);
        all.putAll(dimensions);
        metrics.flushMetrics(m -> {
            m.setNamespace(namespace);
            m.setDefaultDimensions(DimensionSet.of(all));
            if (!dimensions.isEmpty()) {
                m.addDimension(DimensionSet.of(MetricNames.SERVICE, service));
            }
            values.accept(m);
        });
    }
}
