package com.terrifictotes.etl.extractor;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The drift one run carries: what {@link SourceSchema#verify} found that needs a warning but no stop. */
record SchemaDrift(List<DriftWarning> warnings) {
    SchemaDrift {
        warnings = List.copyOf(warnings);
    }

    /** How many warnings of each kind, for the metric (one data point per kind and run). */
    Map<DriftKind, Integer> countsByKind() {
        Map<DriftKind, Integer> counts = new TreeMap<>();
        warnings.forEach(w -> counts.merge(w.kind(), 1, Integer::sum));
        return counts;
    }

    List<String> messages() {
        return warnings.stream().map(DriftWarning::message).toList();
    }
}
