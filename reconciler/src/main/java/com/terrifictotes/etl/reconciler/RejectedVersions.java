package com.terrifictotes.etl.reconciler;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

/**
 * The row versions the warehouse holds as quarantined and not yet superseded ({@code etl_rejected_row}): known bad.
 * A difference whose source version is one of them is not delivered again (it would only be quarantined again, every
 * day); the row is delivered once its source row changes. A rejection whose {@code last_updated} was unreadable
 * matches any version of its key whose stamp is unreadable too.
 */
final class RejectedVersions {
    private final Set<String> versions = new HashSet<>();

    void add(String sourceTable, String sourceId, LocalDateTime lastUpdated) {
        versions.add(key(sourceTable, sourceId, lastUpdated));
    }

    boolean contains(String sourceTable, int id, LocalDateTime lastUpdated) {
        return versions.contains(key(sourceTable, Integer.toString(id), lastUpdated));
    }

    int size() {
        return versions.size();
    }

    /** The warehouse keeps timestamp(3): a source stamp is compared at millisecond precision. */
    private static String key(String table, String id, LocalDateTime lastUpdated) {
        return table + '\u001f' + id + '\u001f'
                + (lastUpdated == null ? "unreadable" : lastUpdated.truncatedTo(ChronoUnit.MILLIS).toString());
    }
}
