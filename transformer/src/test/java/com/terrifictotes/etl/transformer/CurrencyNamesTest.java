package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.CURRENCY;
import static com.terrifictotes.etl.transformer.SourceRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class CurrencyNamesTest {
    private static final LocalDateTime T = LocalDateTime.of(2022, 11, 3, 14, 20, 49, 962_000_000);

    @Test
    void namesTheToteSysCurrenciesInEnglish() {
        assertThat(CurrencyNames.isoName("GBP")).contains("British Pound");
        assertThat(CurrencyNames.isoName("USD")).contains("US Dollar");
        assertThat(CurrencyNames.isoName("EUR")).contains("Euro");
    }

    @Test
    void knowsNoNameForACodeOutsideIso4217OrNotInUpperCase() {
        assertThatThrownBy(() -> Currency.getInstance("ZZQ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(CurrencyNames.isoName("ZZQ")).isEmpty();
        assertThat(CurrencyNames.isoName("gbp")).isEmpty();
        assertThat(CurrencyNames.isoName("")).isEmpty();
        assertThat(CurrencyNames.isoName(null)).isEmpty();
    }

    @Test
    void keepsAnUnknownCodeFlowingWithTheCodeAsItsName() {
        var dim = Derive.currency(row(CURRENCY, "currency_id", 9, "currency_code", "ZZQ",
                "created_at", T, "last_updated", T));
        assertThat(dim.get("currency_id")).isEqualTo(9);
        assertThat(dim.get("currency_code")).isEqualTo("ZZQ");
        assertThat(dim.get("currency_name")).isEqualTo("ZZQ");
    }
}
