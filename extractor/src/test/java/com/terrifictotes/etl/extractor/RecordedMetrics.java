package com.terrifictotes.etl.extractor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link RunMetrics} that keeps what the service reported, call by call. */
final class RecordedMetrics implements RunMetrics {
    /** One map per {@code schemaDriftCarried} call: kind → count. */
    final List<Map<String, Integer>> schemaDrift = new ArrayList<>();
    final Map<String, Long> rejected = new LinkedHashMap<>();

    @Override
    public void tableExtracted(String table, long rows, long bytes, Duration elapsed) {
    }

    @Override
    public void runFinished(Duration runDuration, Duration freshnessLag) {
    }

    @Override
    public void schemaDriftCarried(Map<String, Integer> warningsByKind) {
        schemaDrift.add(Map.copyOf(warningsByKind));
    }

    @Override
    public void rowsRejected(String table, long count) {
        rejected.merge(table, count, Long::sum);
    }
}
