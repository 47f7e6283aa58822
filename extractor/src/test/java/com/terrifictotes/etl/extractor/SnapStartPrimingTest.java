package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
    @Test
    void primesTheCsvAndManifestPathsWithoutAnyConnection() throws Exception {
        // SnapStartPriming holds no client, data source or secret: there is nothing it could connect with
        assertThat(SnapStartPriming.class.getDeclaredFields()).isEmpty();

        long csvBytes = SnapStartPriming.prime();

        assertThat(csvBytes).isGreaterThan(100);
    }

    @Test
    void primesTheCopyPathByBuildingEveryTablesCopyStatementWithoutAnyConnection() {
        List<String> statements = SnapStartPriming.primeCopyPath();

        assertThat(statements).hasSize(ToteSysCatalogue.TABLES.size())
                .allSatisfy(sql -> assertThat(sql).startsWith("COPY (SELECT ").contains("TIMESTAMP '2022-11-0"));
    }

    @Test
    void primesTheSchemaCheckWithASchemaEqualToTheCatalogue() {
        assertThat(SnapStartPriming.primeSchemaCheck().warnings()).isEmpty();
    }
}
