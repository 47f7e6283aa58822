package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.GenerationReport;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;

/**
 * Two moments of one generated ToteSys database, computed once per test JVM: the seeded history (batch 1), and the
 * same database after a day of changes (batch 2), which also moves a department and rewrites an address so that
 * dimensions built from joins (dim_staff, dim_location, dim_counterparty) certainly change.
 */
final class SourceHistory {
    static final int SCALE = 1;
    static final long SEED = 20261121L;

    /** Keeps one fact in this many (and the dimension rows they reference) for the faster, smaller scenarios. */
    static final int SAMPLE_EVERY = 25;

    private static SourceHistory shared;
    private static SourceHistory sampled;

    final WarehouseFromSource.SourceSnapshot first;
    final WarehouseFromSource.SourceSnapshot second;

    private SourceHistory(WarehouseFromSource.SourceSnapshot first, WarehouseFromSource.SourceSnapshot second) {
        this.first = first;
        this.second = second;
    }

    static synchronized SourceHistory shared() {
        if (shared == null) {
            Database totesys = TestBed.shared().createToteSysDatabase();
            GenerationReport report = ToteSysGenerator.seed(totesys.dataSource(), SCALE, SEED);
            WarehouseFromSource.SourceSnapshot first = WarehouseFromSource.snapshot(totesys.dataSource());
            LocalDateTime now = report.newestStamp().plusDays(1);
            DayOfChanges.apply(totesys.dataSource(), SEED, now);
            changeJoinedDimensions(totesys.dataSource(), now);
            shared = new SourceHistory(first, WarehouseFromSource.snapshot(totesys.dataSource()));
        }
        return shared;
    }

    /** The same two moments, thinned out consistently: for tests about delivery and faults rather than volume. */
    static synchronized SourceHistory sampled() {
        if (sampled == null) {
            SourceHistory full = shared();
            sampled = new SourceHistory(full.first.sample(SAMPLE_EVERY), full.second.sample(SAMPLE_EVERY));
        }
        return sampled;
    }

    List<WarehouseFromSource.SourceSnapshot> both() {
        return List.of(first, second);
    }

    private static void changeJoinedDimensions(DataSource totesys, LocalDateTime now) {
        try (Connection connection = totesys.getConnection()) {
            for (String sql : List.of(
                    "UPDATE department SET location = coalesce(location, '') || ' North', last_updated = ?"
                            + " WHERE department_id = (SELECT min(department_id) FROM department)",
                    "UPDATE address SET phone = phone || ' ext. 1', last_updated = ?"
                            + " WHERE address_id = (SELECT min(legal_address_id) FROM counterparty)")) {
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    update.setObject(1, now);
                    update.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the source: " + e.getMessage(), e);
        }
    }
}
