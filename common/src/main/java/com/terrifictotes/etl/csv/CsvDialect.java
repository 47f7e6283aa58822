package com.terrifictotes.etl.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The one CSV dialect of the ingestion zone: RFC 4180, UTF-8, CRLF, header row.
 *
 * <p>Why {@link QuoteMode#ALL_NON_NULL} with an empty null string: every non-null value is written quoted, SQL NULL
 * is an empty <em>unquoted</em> field. A reader in the same strict mode therefore tells {@code ,,} (NULL) from
 * {@code ,"",} (empty text), and no text can ever look like the null marker, not even "NULL" or "\N".
 */
public final class CsvDialect {
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString("")
            .setRecordSeparator("\r\n")
            .get();

    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    private CsvDialect() {
    }
}
