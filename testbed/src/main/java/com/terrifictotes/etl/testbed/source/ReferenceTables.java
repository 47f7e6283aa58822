package com.terrifictotes.etl.testbed.source;

import static com.terrifictotes.etl.testbed.source.SeedCalendar.PEOPLE;
import static com.terrifictotes.etl.testbed.source.SeedCalendar.REFERENCE_DATA;

import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The small tables, the same size at every scale, shaped like production's (totesys.md §4): 30 addresses (two thirds
 * without a second line, about half without a district), 20 counterparties on 14 legal addresses, 3 currencies,
 * the 8 real departments, 20 staff in departments 2..8, 4 payment types. Everything in a table shares one stamp.
 */
final class ReferenceTables {
    static final int ADDRESSES = 30;
    static final int COUNTERPARTIES = 20;
    static final int STAFF = 20;
    static final int LEGAL_ADDRESSES = 14;
    static final int ADDRESSES_WITH_SECOND_LINE = 10;
    static final int ADDRESSES_WITH_DISTRICT = 16;
    static final String EMAIL_DOMAIN = "@terrifictotes.com";

    private ReferenceTables() {
    }

    static List<TableRows> build(long seed) {
        return List.of(addresses(new Dice(seed, "address")), counterparties(new Dice(seed, "counterparty")),
                currencies(), departments(new Dice(seed, "department")), staff(new Dice(seed, "staff")),
                paymentTypes());
    }

    static TableRows addresses(Dice dice) {
        List<String> countries = new ArrayList<>(Vocabulary.REQUIRED_COUNTRIES);
        countries.addAll(dice.shuffled(Vocabulary.COUNTRIES).subList(0, ADDRESSES - 1 - countries.size()));
        countries.add(dice.pick(countries)); // 29 distinct countries over 30 rows, like production
        countries = dice.shuffled(countries);
        List<String> cities = new ArrayList<>(Vocabulary.REQUIRED_CITIES);
        while (cities.size() < ADDRESSES) {
            cities.add(city(dice));
        }
        cities = dice.shuffled(cities);
        List<Boolean> secondLines = flags(dice, ADDRESSES_WITH_SECOND_LINE);
        List<Boolean> districts = flags(dice, ADDRESSES_WITH_DISTRICT);
        int quoted = dice.between(0, ADDRESSES - 1);
        TableRows rows = new TableRows(ToteSysCatalogue.ADDRESS);
        for (int i = 0; i < ADDRESSES; i++) {
            String line1 = i == quoted ? "\"The Old Mill\", " + dice.between(1, 99) + " Quay Street" : street(dice);
            rows.add(i + 1, line1, secondLines.get(i) ? secondLine(dice) : null,
                    districts.get(i) ? dice.pick(Vocabulary.UK_COUNTIES) : null, cities.get(i), postcode(dice),
                    countries.get(i), phone(dice), REFERENCE_DATA, REFERENCE_DATA);
        }
        return rows;
    }

    static TableRows counterparties(Dice dice) {
        List<String> names = new ArrayList<>(Vocabulary.REQUIRED_COMPANIES);
        dice.shuffled(Vocabulary.COMPANY_NAMES).stream().filter(n -> !names.contains(n))
                .limit(COUNTERPARTIES - names.size()).forEach(names::add);
        List<String> shuffledNames = dice.shuffled(names);
        List<Integer> legalAddresses = new ArrayList<>(dice.shuffled(range(1, ADDRESSES)).subList(0, LEGAL_ADDRESSES));
        while (legalAddresses.size() < COUNTERPARTIES) {
            legalAddresses.add(dice.pick(legalAddresses.subList(0, LEGAL_ADDRESSES)));
        }
        legalAddresses = dice.shuffled(legalAddresses);
        TableRows rows = new TableRows(ToteSysCatalogue.COUNTERPARTY);
        for (int i = 0; i < COUNTERPARTIES; i++) {
            rows.add(i + 1, shuffledNames.get(i), legalAddresses.get(i), fullName(dice), fullName(dice), PEOPLE,
                    PEOPLE);
        }
        return rows;
    }

    static TableRows currencies() {
        TableRows rows = new TableRows(ToteSysCatalogue.CURRENCY);
        for (int i = 0; i < Vocabulary.CURRENCY_CODES.size(); i++) {
            rows.add(i + 1, Vocabulary.CURRENCY_CODES.get(i), REFERENCE_DATA, REFERENCE_DATA);
        }
        return rows;
    }

    static TableRows departments(Dice dice) {
        TableRows rows = new TableRows(ToteSysCatalogue.DEPARTMENT);
        for (int i = 0; i < Vocabulary.DEPARTMENTS.size(); i++) {
            String[] department = Vocabulary.DEPARTMENTS.get(i);
            rows.add(i + 1, department[0], department[1], fullName(dice), REFERENCE_DATA, REFERENCE_DATA);
        }
        return rows;
    }

    /** Staff work in departments 2..8 (none in Sales, as in production), each of those with at least one person. */
    static TableRows staff(Dice dice) {
        List<Integer> departments = new ArrayList<>(range(2, Vocabulary.DEPARTMENTS.size()));
        while (departments.size() < STAFF) {
            departments.add(dice.between(2, Vocabulary.DEPARTMENTS.size()));
        }
        departments = dice.shuffled(departments);
        int apostrophe = dice.between(0, STAFF - 1);
        int accent = (apostrophe + 1 + dice.between(0, STAFF - 2)) % STAFF;
        TableRows rows = new TableRows(ToteSysCatalogue.STAFF);
        for (int i = 0; i < STAFF; i++) {
            String first = i == accent ? "Zoë" : dice.pick(Vocabulary.FIRST_NAMES);
            String last = i == apostrophe ? "O'Keefe" : dice.pick(Vocabulary.LAST_NAMES);
            rows.add(i + 1, first, last, departments.get(i), email(first, last), PEOPLE, PEOPLE);
        }
        return rows;
    }

    static TableRows paymentTypes() {
        TableRows rows = new TableRows(ToteSysCatalogue.PAYMENT_TYPE);
        List<String> names = ToteSysCatalogue.PAYMENT_TYPE_NAME.labels();
        for (int i = 0; i < names.size(); i++) {
            rows.add(i + 1, names.get(i), REFERENCE_DATA, REFERENCE_DATA);
        }
        return rows;
    }

    /** first.last@terrifictotes.com, lower case, accents dropped, apostrophes kept (o'keefe), as production has. */
    static String email(String first, String last) {
        return (ascii(first) + "." + ascii(last)).toLowerCase(Locale.ROOT).replace(' ', '-') + EMAIL_DOMAIN;
    }

    static String phone(Dice dice) {
        return dice.digits(4) + " " + dice.digits(6);
    }

    static String fullName(Dice dice) {
        return dice.pick(Vocabulary.FIRST_NAMES) + " " + dice.pick(Vocabulary.LAST_NAMES);
    }

    private static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private static String street(Dice dice) {
        return dice.between(1, 9999) + " " + dice.pick(Vocabulary.LAST_NAMES) + " "
                + dice.pick(Vocabulary.STREET_SUFFIXES);
    }

    static String secondLine(Dice dice) {
        return dice.chance(0.5) ? String.format(Locale.ROOT, dice.pick(Vocabulary.SECOND_LINES), dice.between(1, 999))
                : dice.pick(Vocabulary.FIRST_NAMES) + dice.pick(Vocabulary.CITY_SUFFIXES);
    }

    private static String city(Dice dice) {
        String name = dice.pick(Vocabulary.FIRST_NAMES);
        return dice.chance(0.5) ? dice.pick(Vocabulary.CITY_PREFIXES) + " " + name
                : name + dice.pick(Vocabulary.CITY_SUFFIXES);
    }

    private static String postcode(Dice dice) {
        return dice.chance(0.5) ? dice.digits(5) : dice.digits(5) + "-" + dice.digits(4);
    }

    /** A shuffled list of {@code ADDRESSES} flags of which exactly {@code trueCount} are true. */
    private static List<Boolean> flags(Dice dice, int trueCount) {
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < ADDRESSES; i++) {
            flags.add(i < trueCount);
        }
        return dice.shuffled(flags);
    }

    static List<Integer> range(int first, int last) {
        List<Integer> values = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            values.add(i);
        }
        return values;
    }
}
