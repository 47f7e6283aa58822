package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LoaderPrimingTest {
    @Test
    void primesEveryTableWithoutTouchingANetwork() throws Exception {
        StringWriter sink = new StringWriter();

        int encoded = LoaderPriming.prime(sink);

        assertThat(encoded).isEqualTo(WarehouseCatalogue.TABLES.size());
        assertThat(sink.toString()).contains("COPY \"stage_fact_payment\"").contains("\"prime\"");
    }
}
