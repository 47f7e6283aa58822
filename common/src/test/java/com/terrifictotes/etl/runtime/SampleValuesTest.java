package com.terrifictotes.etl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.EnumType;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.csv.ValueCodec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleValuesTest {
    private static List<Column> everyCatalogueColumn() {
        List<Column> columns = new ArrayList<>();
        ToteSysCatalogue.TABLES.stream().map(SourceTable::columns).forEach(columns::addAll);
        WarehouseCatalogue.TABLES.stream().map(WarehouseTable::loadColumns).forEach(columns::addAll);
        return columns;
    }

    @Test
    void everyColumnTypeHasASampleOfTheJavaClassItsValuesHave() {
        Set<ColumnType> covered = EnumSet.noneOf(ColumnType.class);
        for (ColumnType type : ColumnType.values()) {
            Column column = type == ColumnType.ENUM
                    ? Column.requiredEnum("kind", new EnumType("kind", List.of("SALE", "PURCHASE")))
                    : Column.required("value", type);
            Object sample = SampleValues.of(column);
            assertThat(sample).as(type.name()).isInstanceOf(type.javaType());
            covered.add(type);
        }
        assertThat(covered).containsExactlyInAnyOrder(ColumnType.values());
    }

    @Test
    void everyCatalogueColumnsSampleSurvivesTheCsvCodecUnchanged() {
        for (Column column : everyCatalogueColumn()) {
            Object sample = SampleValues.of(column);
            assertThat(ValueCodec.decode(column, ValueCodec.encode(column, sample))).as(column.name())
                    .isEqualTo(sample);
        }
    }

    @Test
    void anEnumsSampleIsOneOfItsLabelsAndATextDateParsesAsADate() {
        Column kind = Column.requiredEnum("kind", new EnumType("kind", List.of("SALE", "PURCHASE")));
        assertThat(SampleValues.of(kind)).isEqualTo("SALE");
        Object agreed = SampleValues.of(Column.required("agreed_delivery_date", ColumnType.TEXT));
        assertThat(LocalDate.parse((String) agreed)).isEqualTo(SampleValues.DATE);
        assertThat(SampleValues.row(List.of(Column.required("a", ColumnType.INTEGER),
                Column.required("b", ColumnType.BOOLEAN)))).containsExactly(1, Boolean.TRUE);
    }
}
