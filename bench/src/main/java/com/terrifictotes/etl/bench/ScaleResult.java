package com.terrifictotes.etl.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every run's measurements at one scale: ours per stage, and the physical reference measured on the same data in
 * the same run. Also what the transform wrote and how big the largest fact table of the batch was (the 512 MB
 * heap check is about a batch of at least a million fact rows).
 */
final class ScaleResult {
    final int scale;
    final long seed;
    final long seedingNanos;
    final Map<Stage, List<Measurement>> ours = new EnumMap<>(Stage.class);
    final Map<Stage, List<Measurement>> references = new EnumMap<>(Stage.class);
    final List<String> loads = new ArrayList<>();
    long parquetRows;
    long parquetBytes;
    String largestFactTable = "";
    long largestFactRows;

    ScaleResult(int scale, long seed, long seedingNanos) {
        this.scale = scale;
        this.seed = seed;
        this.seedingNanos = seedingNanos;
    }

    void add(Stage stage, Measurement ourRun, Measurement reference) {
        ours.computeIfAbsent(stage, s -> new ArrayList<>()).add(ourRun);
        if (reference != null) {
            references.computeIfAbsent(stage, s -> new ArrayList<>()).add(reference);
        }
    }

    Measurement ourMedian(Stage stage) {
        return ours.containsKey(stage) ? Measurement.median(ours.get(stage)) : null;
    }

    Measurement referenceMedian(Stage stage) {
        return references.containsKey(stage) ? Measurement.median(references.get(stage)) : null;
    }

    /** Reference time over our time on the same rows: 1.0 means as fast as the reference. */
    double ratio(Stage stage) {
        Measurement ourRun = ourMedian(stage);
        Measurement reference = referenceMedian(stage);
        if (ourRun == null || reference == null) {
            return Double.NaN;
        }
        return ourRun.rowsPerSecond() / reference.rowsPerSecond();
    }
}
