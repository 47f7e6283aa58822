package com.terrifictotes.etl.bench;

import java.util.Locale;

/** What the harness measures: each stage on its own, and the whole cycle in one process. */
enum Stage {
    EXTRACT, TRANSFORM, LOAD, CYCLE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Stage of(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
