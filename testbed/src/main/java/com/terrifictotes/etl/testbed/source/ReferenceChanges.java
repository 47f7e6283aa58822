package com.terrifictotes.etl.testbed.source;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.ADDRESS;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.DEPARTMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.STAFF;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rare edits to reference rows that a day may bring: one or two departments (location or name), addresses
 * (phone or second line; the first always some counterparty's legal address) and staff (email or department).
 * Production never showed such edits, but the warehouse must cope with them: they change dim_staff, dim_location
 * and dim_counterparty.
 */
final class ReferenceChanges {
    private static final List<String> LOCATIONS = List.of("Manchester", "Leeds", "London", "Sheffield", "Liverpool");
    private static final List<String> DEPARTMENT_RENAMES = List.of(
            "Sales & Marketing", "Procurement", "Manufacturing", "Logistics", "Accounts", "Estates", "Marketing",
            "People");

    private final RowWriter writer;
    private final SourceState state;
    private final Dice dice;
    private final LocalDateTime stamp;

    ReferenceChanges(RowWriter writer, SourceState state, Dice dice, LocalDateTime stamp) {
        this.writer = writer;
        this.state = state;
        this.dice = dice;
        this.stamp = stamp;
    }

    List<Integer> changeDepartments() throws SQLException {
        List<Integer> changed = new ArrayList<>();
        for (Object[] row : pickRows(state.rows(DEPARTMENT, "department_name", "location"))) {
            int id = (Integer) row[0];
            if (dice.chance(0.5)) {
                writer.update(DEPARTMENT, id, "location", other(LOCATIONS, (String) row[2]), stamp);
            } else {
                writer.update(DEPARTMENT, id, "department_name", renamed(id, (String) row[1]), stamp);
            }
            changed.add(id);
        }
        return changed;
    }

    List<Integer> changeAddresses() throws SQLException {
        List<Object[]> rows = state.rows(ADDRESS, "phone", "address_line_2");
        int legal = dice.pick(state.legalAddresses());
        List<Object[]> chosen = new ArrayList<>(rows.stream().filter(r -> (Integer) r[0] == legal).toList());
        if (dice.chance(0.3)) {
            chosen.add(dice.pick(rows.stream().filter(r -> (Integer) r[0] != legal).toList()));
        }
        List<Integer> changed = new ArrayList<>();
        for (Object[] row : chosen) {
            int id = (Integer) row[0];
            if (dice.chance(0.7)) {
                String phone = ReferenceTables.phone(dice);
                writer.update(ADDRESS, id, "phone", phone.equals(row[1]) ? phone + "0" : phone, stamp);
            } else {
                writer.update(ADDRESS, id, "address_line_2", row[2] == null ? ReferenceTables.secondLine(dice) : null,
                        stamp);
            }
            changed.add(id);
        }
        return changed;
    }

    List<Integer> changeStaff() throws SQLException {
        List<Integer> departments = state.keys(DEPARTMENT);
        List<Integer> changed = new ArrayList<>();
        for (Object[] row : pickRows(state.rows(STAFF, "first_name", "last_name", "email_address", "department_id"))) {
            int id = (Integer) row[0];
            if (dice.chance(0.7) || departments.size() < 2) {
                String email = ReferenceTables.email((String) row[1], (String) row[2]);
                String numbered = email.replace(ReferenceTables.EMAIL_DOMAIN, dice.between(2, 99)
                        + ReferenceTables.EMAIL_DOMAIN);
                writer.update(STAFF, id, "email_address", numbered.equals(row[3]) ? email : numbered, stamp);
            } else {
                writer.update(STAFF, id, "department_id", other(departments, (Integer) row[4]), stamp);
            }
            changed.add(id);
        }
        return changed;
    }

    /** One row, now and then two. */
    private List<Object[]> pickRows(List<Object[]> rows) {
        List<Object[]> shuffled = dice.shuffled(rows);
        return shuffled.subList(0, Math.min(rows.size(), dice.chance(0.25) ? 2 : 1));
    }

    private <T> T other(List<T> choices, T current) {
        return dice.pick(choices.stream().filter(c -> !Objects.equals(c, current)).toList());
    }

    /** Swaps a department between its production name and an alternative, so it always really changes. */
    private static String renamed(int id, String current) {
        int index = (id - 1) % DEPARTMENT_RENAMES.size();
        String original = Vocabulary.DEPARTMENTS.get(index)[0];
        String alternative = DEPARTMENT_RENAMES.get(index);
        return current.equals(alternative) ? original : alternative;
    }
}
