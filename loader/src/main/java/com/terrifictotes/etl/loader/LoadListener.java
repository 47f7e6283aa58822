package com.terrifictotes.etl.loader;

/** Told about each batch right after its transaction commits: where the handler hangs its metrics. */
@FunctionalInterface
public interface LoadListener {
    LoadListener NONE = batch -> { };

    void applied(AppliedBatch batch);
}
