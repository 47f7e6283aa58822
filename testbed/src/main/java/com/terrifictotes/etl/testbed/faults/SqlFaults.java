package com.terrifictotes.etl.testbed.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** The rules of one {@link FaultyDataSource}, the statements it saw, and how a fault is delivered. */
final class SqlFaults {
    static final String CONNECTION_FAILURE = "08006";

    final List<Rule> statements = new CopyOnWriteArrayList<>();
    final List<Rule> copies = new CopyOnWriteArrayList<>();
    final List<CommitRule> commits = new CopyOnWriteArrayList<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** @param delivered set once the fault really happened (a COPY may end before its byte budget is spent) */
    record Rule(NthMatch<String> trigger, Failure failure, long bytes, AtomicBoolean delivered) {
        Rule(NthMatch<String> trigger, Failure failure, long bytes) {
            this(trigger, failure, bytes, new AtomicBoolean());
        }
    }

    /** Counts transactions: those whose statements satisfy the predicate. */
    record CommitRule(NthMatch<List<String>> trigger, Failure failure) {
    }

    /** Logs the statement; if a rule fires, cuts the connection and fails. */
    void beforeStatement(Connection real, String sql) throws SQLException {
        log.add(sql);
        for (Rule rule : statements) {
            if (rule.trigger.fires(sql)) {
                rule.delivered.set(true);
                throw fail(real, rule.failure, "before running " + abbreviate(sql));
            }
        }
    }

    /** The rule that breaks this COPY, if one fires for it. */
    Rule copyStarting(String sql) {
        log.add(sql);
        for (Rule rule : copies) {
            if (rule.trigger.fires(sql)) {
                return rule;
            }
        }
        return null;
    }

    /** After a commit went through: fails if a rule fires for a transaction that ran these statements. */
    void afterCommit(Connection real, List<String> transaction) throws SQLException {
        for (CommitRule rule : commits) {
            if (!transaction.isEmpty() && rule.trigger.fires(transaction)) {
                throw fail(real, rule.failure, "after the server committed a transaction that ran "
                        + abbreviate(transaction.get(transaction.size() - 1)));
            }
        }
    }

    /**
     * Cuts the physical connection (the server rolls back what is open) and returns the SQLException a lost
     * connection gives, or throws a {@link SimulatedCrash}.
     */
    static SQLException fail(Connection real, Failure failure, String when) {
        try {
            real.abort(Runnable::run);
        } catch (SQLException ignored) {
            // already gone: the effect wanted
        }
        if (failure == Failure.CRASH) {
            throw new SimulatedCrash(when);
        }
        return new SQLException("injected fault: the connection to the database was lost " + when,
                CONNECTION_FAILURE);
    }

    boolean allFired() {
        return statements.stream().allMatch(r -> r.delivered.get())
                && copies.stream().allMatch(r -> r.delivered.get())
                && commits.stream().allMatch(r -> r.trigger.fired());
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
