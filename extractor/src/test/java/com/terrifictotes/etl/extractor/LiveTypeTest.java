package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.extractor.LiveType.Family;
import org.junit.jupiter.api.Test;

class LiveTypeTest {
    @Test
    void readsFamilyAndModifiersFromFormatTypesText() {
        assertThat(LiveType.parse("numeric(12,4)")).isEqualTo(new LiveType(Family.NUMERIC, 12, 4, "numeric(12,4)", null));
        assertThat(LiveType.parse("numeric")).isEqualTo(new LiveType(Family.NUMERIC, -1, 0, "numeric", null));
        assertThat(LiveType.parse("numeric(5,-2)").scale()).isEqualTo(-2);
        assertThat(LiveType.parse("character varying(3)")).extracting(LiveType::family, LiveType::size)
                .containsExactly(Family.VARCHAR, 3);
        assertThat(LiveType.parse("character varying").size()).isEqualTo(LiveType.UNCONSTRAINED);
        assertThat(LiveType.parse("character(3)").family()).isEqualTo(Family.CHAR);
        assertThat(LiveType.parse("bpchar").family()).isEqualTo(Family.CHAR);
        assertThat(LiveType.parse("timestamp(3) without time zone")).extracting(LiveType::family, LiveType::size)
                .containsExactly(Family.TIMESTAMP, 3);
        assertThat(LiveType.parse("timestamp without time zone").size()).isEqualTo(6);
        assertThat(LiveType.parse("timestamp(0) with time zone").family()).isEqualTo(Family.TIMESTAMPTZ);
        assertThat(LiveType.parse("time(3) without time zone").family()).isEqualTo(Family.TIME);
        assertThat(LiveType.parse("time with time zone").family()).isEqualTo(Family.TIMETZ);
        assertThat(LiveType.parse("double precision").family()).isEqualTo(Family.DOUBLE);
        assertThat(LiveType.parse("jsonb").family()).isEqualTo(Family.OTHER);
        assertThat(LiveType.parse("\"TransactionType\"").family()).isEqualTo(Family.OTHER);
    }

    @Test
    void everyCatalogueTypeReadsBackAsItsOwnFamily() {
        for (ColumnType type : ColumnType.values()) {
            if (type != ColumnType.ENUM) {
                assertThat(LiveType.parse(type.sqlType()).family()).as(type.sqlType()).isNotEqualTo(Family.OTHER);
            }
        }
    }
}
