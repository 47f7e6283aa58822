package com.terrifictotes.etl.testbed.faults;

/**
 * The process died here. An {@link Error}, not an exception, so that the stages' {@code catch (RuntimeException)}
 * and {@code catch (SQLException)} blocks cannot react to it: only {@code finally} blocks run, which after a real
 * crash would not run at all (the fault doubles cut database connections first, so those blocks achieve nothing).
 */
public final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    public SimulatedCrash(String where) {
        super("simulated crash: the process died " + where);
    }
}
