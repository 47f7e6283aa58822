package com.terrifictotes.etl.runtime;

/**
 * Where the functions' CloudWatch metrics live and how their dimensions are spelled: one namespace and one spelling
 * for all four functions, which the stack's alarms and dashboard read from here too (a constant with no Powertools
 * behind it, so the CDK app needs nothing of the functions' runtime). Dimension names are capitalised as Powertools
 * spells its own {@code Service}.
 */
public final class MetricNames {
    /** The namespace of every metric the functions emit, unless {@code POWERTOOLS_METRICS_NAMESPACE} says otherwise. */
    public static final String NAMESPACE = "TotesEtl";
    /** The environment variable that overrides {@link #NAMESPACE} (Powertools' own; the stack sets it to it). */
    public static final String NAMESPACE_VARIABLE = "POWERTOOLS_METRICS_NAMESPACE";
    /** The function that emitted a metric: every document carries it. */
    public static final String SERVICE = "Service";
    /** The table a per-table metric is about (a ToteSys table or a warehouse table, as the metric says). */
    public static final String TABLE = "Table";
    /** The outcome of a transformer batch. */
    public static final String OUTCOME = "Outcome";
    /** The kind of schema drift the extractor carried. */
    public static final String KIND = "Kind";

    private MetricNames() {
    }
}
