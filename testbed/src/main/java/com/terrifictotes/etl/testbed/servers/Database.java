package com.terrifictotes.etl.testbed.servers;

import com.terrifictotes.etl.db.DatabaseSecret;
import java.net.URI;
import javax.sql.DataSource;

/**
 * One database of the embedded PostgreSQL server, owned by a login role that authenticates with a password
 * (SCRAM), as a real deployment does. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl     {@code jdbc:postgresql://127.0.0.1:<port>/<name>}, without credentials
 * @param dataSource  connects as {@code user} with {@code password}
 */
public record Database(String name, String jdbcUrl, String user, String password, DataSource dataSource) {

    public String host() {
        return serverUri().getHost();
    }

    public int port() {
        return serverUri().getPort();
    }

    /** The same coordinates in the RDS secret shape the extractor and loader read from Secrets Manager. */
    public DatabaseSecret secret() {
        return new DatabaseSecret(host(), port(), name, user, password);
    }

    /** The RDS secret JSON, e.g. to seed a Secrets Manager stand-in. Holds the password: never log it. */
    public String secretJson() {
        return "{\"engine\":\"postgres\",\"host\":\"" + host() + "\",\"port\":" + port() + ",\"dbname\":\"" + name
                + "\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    private URI serverUri() {
        return URI.create(jdbcUrl.substring("jdbc:".length()));
    }

    @Override
    public String toString() {
        return "Database[name=" + name + ", jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=***]";
    }
}
