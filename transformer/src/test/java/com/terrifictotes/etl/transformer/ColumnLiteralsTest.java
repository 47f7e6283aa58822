package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source-to-star mapping lives in the catalogue, not in the transformer: its main sources may name at most 10
 * catalogue column names (source or warehouse) as string literals. Adding a column is then a catalogue entry and a
 * migration, never a hunt through the transformer.
 */
class ColumnLiteralsTest {
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final Pattern CHAR_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)'");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final int MOST = 10;

    @Test
    void theTransformersMainCodeNamesAtMostTenCatalogueColumnsAsStringLiterals() throws IOException {
        Set<String> columns = Stream.concat(
                ToteSysCatalogue.TABLES.stream().map(SourceTable::columns),
                WarehouseCatalogue.TABLES.stream().map(WarehouseTable::columns))
                .flatMap(List::stream).map(Column::name).collect(Collectors.toSet());
        List<String> named = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = CHAR_LITERAL.matcher(Files.readString(file)).replaceAll("' '");
                Matcher literal = STRING_LITERAL.matcher(code);
                while (literal.find()) {
                    if (columns.contains(literal.group(1))) {
                        named.add(file.getFileName() + ": \"" + literal.group(1) + "\"");
                    }
                }
            }
        }
        assertThat(columns).as("the catalogue's column names were found").contains("staff_id", "department_name");
        assertThat(named).as("catalogue column names written as string literals in the transformer's main code")
                .hasSizeLessThanOrEqualTo(MOST);
    }

    @Test
    void theScanFindsAColumnNameWrittenAsALiteral() {
        Matcher literal = STRING_LITERAL.matcher("row.get(\"department_id\") + \"a \\\"quoted\\\" word\"");
        List<String> found = new ArrayList<>();
        while (literal.find()) {
            found.add(literal.group(1));
        }
        assertThat(found).containsExactly("department_id", "a \\\"quoted\\\" word");
    }
}
