package com.terrifictotes.etl.testbed.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.crac.Resource;

/**
 * A handler for the launcher's tests: answers with the kind of event it got, the function it ran as and whether its
 * SnapStart hook ran; fails with the message in {@code ECHO_FAILS_WITH} when that variable is set.
 */
public final class EchoHandler implements RequestHandler<Object, String>, Resource {
    private boolean primed;

    @Override
    public String handleRequest(Object event, Context context) {
        String failure = System.getenv("ECHO_FAILS_WITH");
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return event.getClass().getSimpleName() + " for " + context.getFunctionName() + (primed ? ", primed" : "");
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        primed = true;
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        primed = false;
    }
}
