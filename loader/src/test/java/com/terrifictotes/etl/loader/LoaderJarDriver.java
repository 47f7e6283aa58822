package com.terrifictotes.etl.loader;

/**
 * Runs the deployable jar's handler as the Lambda runtime would: the no-argument constructor (configuration from the
 * environment, the secret from Secrets Manager), then one catch-up event. Started by {@link LoaderJarIT} in a JVM
 * whose class path is the shaded jar plus this class; prints the handler's result on its last line.
 */
public final class LoaderJarDriver {
    private LoaderJarDriver() {
    }

    public static void main(String[] args) {
        LoaderHandler handler = new LoaderHandler();
        String result = handler.handleRequest(LambdaTestSupport.catchUp(), LambdaTestSupport.context());
        System.out.println("RESULT " + result);
    }
}
