package com.terrifictotes.etl.testbed.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseCopyTest {
    @Test
    void aCopyHoldsTheSameRowsAndChangesIndependently() {
        TestBed bed = TestBed.shared();
        Database original = bed.createToteSysDatabase();
        ToteSysGenerator.seed(original.dataSource(), 1, 5);

        Database copy = bed.copyOf(original);
        DayOfChanges.apply(copy.dataSource(), 1, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));

        String count = "SELECT count(*) FROM sales_order";
        List<String> before = WarehouseContents.query(original.dataSource(), count);
        assertThat(copy.name()).isNotEqualTo(original.name());
        assertThat(WarehouseContents.query(bed.copyOf(original).dataSource(), count)).isEqualTo(before);
        assertThat(WarehouseContents.query(copy.dataSource(), count)).isNotEqualTo(before);
    }
}
