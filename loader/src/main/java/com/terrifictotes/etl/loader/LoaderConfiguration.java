package com.terrifictotes.etl.loader;

import static com.terrifictotes.etl.config.EnvironmentVariables.optional;
import static com.terrifictotes.etl.config.EnvironmentVariables.required;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.loader.verify.CatchUpVerification;
import com.terrifictotes.etl.runtime.RowBudget;
import java.util.Map;

/**
 * The loader's settings, from its environment.
 *
 * @param sslMode     pgjdbc sslmode for the warehouse ({@code verify-full} on AWS); null means the driver default
 * @param sslRootCert path of the CA bundle for {@code verify-full}; null if not needed
 * @param timeouts    how long the warehouse may take to answer ({@link DatabaseTimeouts#LOADER} unless set)
 * @param verifyOnCatchUp whether the catch-up invocation verifies the warehouse after its load
 *                    ({@link CatchUpVerification#SWITCH}, on unless set to false)
 * @param budget      what one invocation may apply ({@value RowBudget#VARIABLE}, the processed manifests' rows)
 */
record LoaderConfiguration(String processedBucket, String warehouseSecretId, String sslMode,
                                  String sslRootCert, DatabaseTimeouts timeouts, boolean verifyOnCatchUp,
                                  RowBudget budget) {
    public static final String PROCESSED_BUCKET = "PROCESSED_BUCKET";
    public static final String WAREHOUSE_SECRET_ID = "WAREHOUSE_SECRET_ID";
    public static final String DB_SSLMODE = "DB_SSLMODE";
    public static final String DB_SSLROOTCERT = "DB_SSLROOTCERT";

    public static LoaderConfiguration fromEnvironment(Map<String, String> environment) {
        return new LoaderConfiguration(
                required(environment, PROCESSED_BUCKET),
                required(environment, WAREHOUSE_SECRET_ID),
                optional(environment, DB_SSLMODE),
                optional(environment, DB_SSLROOTCERT),
                DatabaseTimeouts.fromEnvironment(environment, DatabaseTimeouts.LOADER),
                CatchUpVerification.enabled(environment),
                RowBudget.fromEnvironment(environment));
    }
}
