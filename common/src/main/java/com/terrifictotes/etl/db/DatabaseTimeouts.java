package com.terrifictotes.etl.db;

import com.terrifictotes.etl.error.ConfigurationException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * How long a function waits on its database before giving up, so that a hung server, a half-open connection or a
 * lock that is never released fails the invocation with a message long before Lambda's 15-minute limit.
 *
 * @param statementSeconds PostgreSQL {@code statement_timeout}: the longest one statement may run (the server cancels
 *                         it, SQLSTATE 57014)
 * @param lockSeconds      PostgreSQL {@code lock_timeout}: the longest one statement waits for a lock, the loaders'
 *                         advisory lock included (SQLSTATE 55P03)
 * @param socketSeconds    pgjdbc {@code socketTimeout}: the longest the client waits for the server to answer at all;
 *                         above the statement timeout, so a slow statement is cancelled by the server first and only a
 *                         server or network that stopped answering is cut off here
 * @param loginSeconds     pgjdbc {@code loginTimeout}: connecting, TLS and authentication together
 */
public record DatabaseTimeouts(int statementSeconds, int lockSeconds, int socketSeconds, int loginSeconds) {
    public static final String STATEMENT_VARIABLE = "DB_STATEMENT_TIMEOUT_SECONDS";
    public static final String LOCK_VARIABLE = "DB_LOCK_TIMEOUT_SECONDS";
    public static final String SOCKET_VARIABLE = "DB_SOCKET_TIMEOUT_SECONDS";
    /** The variables {@link #fromEnvironment} reads, for the handlers' lists. */
    public static final List<String> VARIABLES = List.of(STATEMENT_VARIABLE, LOCK_VARIABLE, SOCKET_VARIABLE);
    /** What a socket timeout left unset adds to the statement timeout. */
    public static final int SOCKET_MARGIN_SECONDS = 30;
    static final int LOGIN_SECONDS = 30;
    /**
     * The extractor's defaults. Its longest statements are the COPY of a table's window in a first load (the whole
     * SF100 extract takes 16 s) and it locks nothing but what reading takes; a lock wait means DDL on the source.
     */
    public static final DatabaseTimeouts EXTRACTOR = of(300, 30);
    /**
     * The loader's defaults. Its longest statements are a first load's COPY of a fact part and the foreign key
     * re-check (seconds at SF100, where a whole first load is 22 s); it may wait for another loader's advisory lock or
     * behind a reader of a fact table, which is worth a minute and no more.
     */
    public static final DatabaseTimeouts LOADER = of(300, 60);

    public DatabaseTimeouts {
        if (statementSeconds < 1 || lockSeconds < 1 || socketSeconds < 1 || loginSeconds < 1) {
            throw new IllegalArgumentException("database timeouts are whole seconds, at least 1");
        }
    }

    /** A statement timeout, a lock timeout, and the socket timeout {@value #SOCKET_MARGIN_SECONDS} s above it. */
    public static DatabaseTimeouts of(int statementSeconds, int lockSeconds) {
        return new DatabaseTimeouts(statementSeconds, lockSeconds, statementSeconds + SOCKET_MARGIN_SECONDS,
                LOGIN_SECONDS);
    }

    /**
     * The three variables where set, {@code defaults} where not; a socket timeout left unset follows the statement
     * timeout. A value that is not a whole number of seconds from 1 to 840 (Lambda's limit less a minute) is refused
     * naming the variable.
     */
    public static DatabaseTimeouts fromEnvironment(Map<String, String> environment, DatabaseTimeouts defaults) {
        int statement = seconds(environment, STATEMENT_VARIABLE, defaults.statementSeconds());
        int lock = seconds(environment, LOCK_VARIABLE, defaults.lockSeconds());
        int socket = seconds(environment, SOCKET_VARIABLE, statement + SOCKET_MARGIN_SECONDS);
        if (socket <= statement) {
            throw new ConfigurationException("environment variable " + SOCKET_VARIABLE + " (" + socket + ") must be "
                    + "above " + STATEMENT_VARIABLE + " (" + statement + "), or the client would cut off statements "
                    + "the server still lets run");
        }
        return new DatabaseTimeouts(statement, lock, socket, defaults.loginSeconds());
    }

    /** The three variables as a function's environment sets them. */
    public Map<String, String> environment() {
        return Map.of(STATEMENT_VARIABLE, Integer.toString(statementSeconds), LOCK_VARIABLE,
                Integer.toString(lockSeconds), SOCKET_VARIABLE, Integer.toString(socketSeconds));
    }

    /** pgjdbc's {@code options}: the server-side settings every connection of the data source starts with. */
    String serverOptions() {
        return "-c statement_timeout=" + statementSeconds * 1000L + " -c lock_timeout=" + lockSeconds * 1000L;
    }

    /**
     * What a failure means when one of these timeouts caused it, as text to append to the message (empty otherwise):
     * the operator learns which limit was reached and which variable sets it.
     */
    public static String explain(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("57014") && String.valueOf(e.getMessage()).contains("statement timeout")) {
            return " [the statement ran longer than the statement timeout, " + STATEMENT_VARIABLE + "]";
        }
        if (state.equals("55P03")) {
            return " [a lock held by another session was not released within the lock timeout, " + LOCK_VARIABLE + "]";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return " [the server sent nothing for the socket timeout, " + SOCKET_VARIABLE
                        + ": the server or the connection hangs]";
            }
        }
        return "";
    }

    private static int seconds(Map<String, String> environment, String name, int defaultValue) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 1 && seconds <= 840) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException("environment variable " + name + " must be a whole number of seconds from "
                + "1 to 840, got '" + value + "'");
    }
}
