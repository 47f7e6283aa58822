package com.terrifictotes.etl.local;

import java.time.Duration;

/** One handler invocation: which stage, with which event (a manifest key, or the schedule), how long, what it said. */
public record StageRun(Stage stage, String trigger, Duration elapsed, String response) {
    public enum Stage { EXTRACT, TRANSFORM, LOAD, RECONCILE }
}
