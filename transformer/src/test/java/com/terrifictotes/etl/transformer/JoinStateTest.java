package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.ADDRESS;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.DEPARTMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.STAFF;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_LOCATION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_STAFF;
import static com.terrifictotes.etl.transformer.DimensionsTest.T;
import static com.terrifictotes.etl.transformer.DimensionsTest.address;
import static com.terrifictotes.etl.transformer.DimensionsTest.counterparty;
import static com.terrifictotes.etl.transformer.DimensionsTest.department;
import static com.terrifictotes.etl.transformer.DimensionsTest.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoinStateTest {
    private static final LocalDateTime LATER = T.plusDays(30);
    private static final TableOutput PREVIOUS_STAFF_FILES = new TableOutput("staff", 3, List.of(
            new DataFile("state/staff/batch=000000000004/part-00000.parquet", 3, 100, Checksum.crc32c(0xA))));

    private JoinState state;

    /** The state a previous batch left: two departments, three staff, two addresses, three counterparties. */
    @BeforeEach
    void restorePreviousState() {
        state = new JoinState(List.of(PREVIOUS_STAFF_FILES), "the state of batch 4");
        state.snapshot(DEPARTMENT).restore(department(1, "Sales", "Leeds", T));
        state.snapshot(DEPARTMENT).restore(department(2, "Purchasing", "Manchester", T));
        state.snapshot(STAFF).restore(staff(10, 1, T));
        state.snapshot(STAFF).restore(staff(11, 1, T));
        state.snapshot(STAFF).restore(staff(12, 2, T));
        state.snapshot(ADDRESS).restore(address(1, null, T));
        state.snapshot(ADDRESS).restore(address(2, null, T));
        state.snapshot(COUNTERPARTY).restore(counterparty(20, 1, T));
        state.snapshot(COUNTERPARTY).restore(counterparty(21, 2, T));
        state.snapshot(COUNTERPARTY).restore(counterparty(22, 1, T));
    }

    @Test
    void aDepartmentOnlyChangeReEmitsEveryStaffRowOfThatDepartmentWithTheNewName() {
        state.snapshot(DEPARTMENT).deliver(department(1, "Sales and Marketing", "Leeds", LATER));

        assertThat(state.toEmit(Lineage.of(DIM_STAFF))).containsExactly(10, 11);
        for (int id : state.toEmit(Lineage.of(DIM_STAFF))) {
            SourceRow staff = state.current(STAFF, id);
            var dim = Derive.staff(staff, state.joined(staff, "department_id", DEPARTMENT));
            assertThat(dim.get("department_name")).isEqualTo("Sales and Marketing");
        }
        assertThat(state.toEmit(Lineage.of(DIM_COUNTERPARTY))).isEmpty();
        assertThat(state.toEmit(Lineage.of(DIM_LOCATION))).isEmpty();
    }

    @Test
    void anAddressOnlyChangeReEmitsItsLocationAndEveryCounterpartyUsingIt() {
        state.snapshot(ADDRESS).deliver(address(1, "New wing", LATER));

        assertThat(state.toEmit(Lineage.of(DIM_LOCATION))).containsExactly(1);
        assertThat(state.toEmit(Lineage.of(DIM_COUNTERPARTY))).containsExactly(20, 22);
        SourceRow party = state.current(COUNTERPARTY, 22);
        assertThat(Derive.counterparty(party, state.joined(party, "legal_address_id", ADDRESS))
                .get("counterparty_legal_address_line_2")).isEqualTo("New wing");
        assertThat(state.toEmit(Lineage.of(DIM_STAFF))).isEmpty();
    }

    @Test
    void aStaffOnlyChangeStillCarriesItsDepartmentFromTheState() {
        state.snapshot(STAFF).deliver(staff(12, 2, LATER));

        assertThat(state.toEmit(Lineage.of(DIM_STAFF))).containsExactly(12);
        SourceRow staff = state.current(STAFF, 12);
        var dim = Derive.staff(staff, state.joined(staff, "department_id", DEPARTMENT));
        assertThat(dim.get("department_name")).isEqualTo("Purchasing");
        assertThat(dim.get("location")).isEqualTo("Manchester");
    }

    @Test
    void aStaffRowMovedToAChangedDepartmentIsEmittedOnceWithItsNewDepartment() {
        state.snapshot(STAFF).deliver(staff(12, 1, LATER));
        state.snapshot(DEPARTMENT).deliver(department(1, "Sales and Marketing", "York", LATER));

        assertThat(state.toEmit(Lineage.of(DIM_STAFF))).containsExactly(10, 11, 12);
        SourceRow staff = state.current(STAFF, 12);
        assertThat(state.joined(staff, "department_id", DEPARTMENT).text("location")).isEqualTo("York");
    }

    @Test
    void aBackdatedCorrectionReplacesTheStateAsTheLatestDeliveryHadIt() {
        state.snapshot(STAFF).restore(staff(13, 2, LATER));
        state.snapshot(STAFF).deliver(staff(13, 1, T));

        assertThat(state.current(STAFF, 13).lastUpdated()).as("the older stamp the source now carries").isEqualTo(T);
        assertThat(state.current(STAFF, 13).integer("department_id")).isEqualTo(1);
        assertThat(state.toEmit(Lineage.of(DIM_STAFF))).containsExactly(13);
    }

    @Test
    void aStaffRowWhoseDepartmentHasNotArrivedWaitsForItAndIsEmittedWithIt() {
        state.snapshot(STAFF).deliver(staff(14, 99, LATER));

        assertThat(state.joined(state.current(STAFF, 14), "department_id", DEPARTMENT)).isNull();

        JoinState next = new JoinState(List.of(), "the state of batch 5");
        next.snapshot(STAFF).restore(state.current(STAFF, 14));
        next.snapshot(DEPARTMENT).deliver(department(99, "Facilities", "Hull", LATER));
        assertThat(next.toEmit(Lineage.of(DIM_STAFF))).containsExactly(14);
        assertThat(next.joined(next.current(STAFF, 14), "department_id", DEPARTMENT).text("department_name"))
                .isEqualTo("Facilities");
    }

    @Test
    void persistsOnlyChangedTablesAndPointsAtThePreviousFilesOfTheOthers() {
        state.snapshot(DEPARTMENT).deliver(department(2, "Purchasing", "Leeds", LATER));

        CollectingSinks sinks = new CollectingSinks();
        List<TableOutput> outputs = state.persist(5, sinks, false);

        assertThat(outputs).extracting(TableOutput::table)
                .containsExactly("department", "address", "staff", "counterparty");
        assertThat(outputs.get(0).files()).extracting(DataFile::key)
                .containsExactly("state/department/batch=000000000005/part-00000.parquet");
        assertThat(sinks.rows.get("department")).extracting(r -> r.get("department_id"), r -> r.get("location"))
                .containsExactly(tuple(1, "Leeds"), tuple(2, "Leeds"));
        assertThat(outputs.get(1)).isEqualTo(new TableOutput("address", 0, List.of()));
        assertThat(outputs.get(2)).isEqualTo(PREVIOUS_STAFF_FILES);
    }
}
