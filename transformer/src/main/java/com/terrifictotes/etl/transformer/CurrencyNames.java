package com.terrifictotes.etl.transformer;

import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * currency_name is not in the source: it comes from ISO 4217 as the JDK knows it, in English.
 *
 * <p>A code the JDK does not know (a code newer than the runtime's tables, or a typo in the source) does not stop
 * the pipeline: dim_currency needs a non-null name and every fact row depends on its currency, so the code itself
 * stands in as the name, and a warning names the code so the gap is visible and can be fixed at the source.
 */
final class CurrencyNames {
    private static final Logger LOG = LoggerFactory.getLogger(CurrencyNames.class);

    private CurrencyNames() {
    }

    /** The English ISO 4217 name, if the JDK knows the code. Codes are matched exactly (upper case). */
    public static Optional<String> isoName(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Currency.getInstance(code).getDisplayName(Locale.ENGLISH));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The English name, or the code itself (logged as a warning) when ISO 4217 as the JDK knows it lacks it. */
    public static String nameOrCode(String code, String origin) {
        return isoName(code).orElseGet(() -> {
            LOG.warn("currency code '{}' ({}) is not an ISO 4217 code this runtime knows; using the code as its name",
                    code, origin);
            return code;
        });
    }
}
