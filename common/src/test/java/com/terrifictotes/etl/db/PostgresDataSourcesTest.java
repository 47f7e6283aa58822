package com.terrifictotes.etl.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresDataSourcesTest {
    private static final DatabaseSecret SECRET = new DatabaseSecret("totesys.abc.eu-west-2.rds.amazonaws.com", 5432,
            "totesys", "reader", "s3cr3t-Pa55word");

    @Test
    void verifyFullWithTheRdsBundleReachesTheDriverAsConnectionProperties() {
        PGSimpleDataSource ds = (PGSimpleDataSource) PostgresDataSources.create(SECRET, "totes-etl-extractor",
                "verify-full", "/var/task/global-bundle.pem");

        assertThat(ds.getSslMode()).isEqualTo("verify-full");
        assertThat(ds.getSslRootCert()).isEqualTo("/var/task/global-bundle.pem");
        assertThat(ds.getProperty(PGProperty.SSL_MODE)).isEqualTo("verify-full");
        assertThat(ds.getProperty(PGProperty.SSL_ROOT_CERT)).isEqualTo("/var/task/global-bundle.pem");
        assertThat(ds.getServerNames()).containsExactly(SECRET.host());
        assertThat(ds.getUser()).isEqualTo("reader");
    }

    @Test
    void withoutASettingTlsIsPreferredAndNoRootCertificateIsNamed() {
        PGSimpleDataSource ds = (PGSimpleDataSource) PostgresDataSources.create(SECRET, "app", " ", "");

        assertThat(ds.getSslMode()).isEqualTo(PostgresDataSources.DEFAULT_SSL_MODE).isEqualTo("prefer");
        assertThat(ds.getSslRootCert()).isNull();
    }

    @Test
    void thePasswordIsAConnectionPropertyAndNeverPartOfTheUrl() {
        PGSimpleDataSource ds = (PGSimpleDataSource) PostgresDataSources.create(SECRET, "app", "verify-full",
                "/var/task/global-bundle.pem");

        assertThat(ds.getPassword()).isEqualTo(SECRET.password());
        assertThat(ds.getURL()).doesNotContain(SECRET.password()).contains("sslmode=verify-full");
        assertThat(ds.getDescription() == null ? "" : ds.getDescription()).doesNotContain(SECRET.password());
    }
}
