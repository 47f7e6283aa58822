package com.terrifictotes.etl.testbed.faults;

/** How an injected fault shows itself to the code under test. */
public enum Failure {
    /**
     * The call fails as a lost connection makes it fail: the caller gets the client's ordinary exception (an
     * {@code SdkClientException}, an {@code SQLException} with SQLSTATE 08006) and its error handling runs.
     */
    ERROR,
    /**
     * The process dies at this point, as on a Lambda timeout or an out-of-memory kill: a {@link SimulatedCrash}
     * unwinds the stack, so no {@code catch (Exception)} runs and nothing is reported or cleaned up by the stage.
     * A database connection is cut first, so the server sees the client vanish, as it would.
     */
    CRASH
}
