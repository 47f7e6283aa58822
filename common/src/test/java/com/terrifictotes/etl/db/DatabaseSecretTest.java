package com.terrifictotes.etl.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class DatabaseSecretTest {
    private static final String PASSWORD = "s3cr3t-Pa55";

    @Test
    void anRdsShapedSecretIsParsed() {
        DatabaseSecret secret = DatabaseSecret.parse("totesys", """
                {"host":"db.example","port":"5433","dbname":"totesys","username":"reader","password":"%s",
                 "engine":"postgres"}""".formatted(PASSWORD));

        assertThat(secret).isEqualTo(new DatabaseSecret("db.example", 5433, "totesys", "reader", PASSWORD));
    }

    @Test
    void thePasswordNeverAppearsInTheTextOfTheSecret() {
        DatabaseSecret secret = new DatabaseSecret("h", 5432, "d", "u", PASSWORD);

        assertThat(secret.toString()).doesNotContain(PASSWORD).contains("***");
    }

    @Test
    void aSecretThatIsNotJsonIsReportedWithoutQuotingIt() {
        assertThatThrownBy(() -> DatabaseSecret.parse("totesys", "password=" + PASSWORD))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("secret totesys is not valid JSON")
                .hasNoCause();
    }

    @Test
    void aMissingFieldIsNamed() {
        assertThatThrownBy(() -> DatabaseSecret.parse("wh", "{\"host\":\"h\",\"dbname\":\"d\",\"username\":\"u\"}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("secret wh has no field \"password\"");
        assertThatThrownBy(() -> DatabaseSecret.parse("wh", "{\"host\":\"h\",\"port\":\"x\",\"dbname\":\"d\","
                + "\"username\":\"u\",\"password\":\"" + PASSWORD + "\"}"))
                .hasMessage("secret wh has an invalid \"port\"");
    }
}
