package com.terrifictotes.etl.transformer;

import java.util.List;

/**
 * A derived warehouse row that the warehouse cannot hold, with every value at fault traced to the source row version
 * and column it came from. Thrown per row, rarely: without a stack trace, so a batch full of bad rows costs no more
 * than one of good ones.
 */
final class RowRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One value at fault: the source row it came from, the source column, and why the warehouse cannot hold it. */
    record Problem(SourceRow origin, String column, String reason) {
    }

    private final transient List<Problem> problems;

    RowRejected(List<Problem> problems) {
        super(problems.stream().map(p -> p.origin().origin() + ": " + p.column() + ": " + p.reason())
                .collect(java.util.stream.Collectors.joining("; ")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
