package com.terrifictotes.etl.infra;

import java.nio.file.Path;

/**
 * The Lambda modules of the repository: where each one's deployable jar is built and which class Lambda calls.
 * The handler names are the fixed handler contract (notes/HELPERS.md); a contract test loads each class by name.
 */
public enum LambdaModule {
    EXTRACTOR("extractor", "com.terrifictotes.etl.extractor.ExtractorHandler"),
    TRANSFORMER("transformer", "com.terrifictotes.etl.transformer.TransformerHandler"),
    LOADER("loader", "com.terrifictotes.etl.loader.LoaderHandler"),
    /** The daily reconciliation pass (see {@link Reconciliation}): deletes, unstamped changes, late parents. */
    RECONCILER("reconciler", "com.terrifictotes.etl.reconciler.ReconcilerHandler");

    private final String moduleName;
    private final String handlerClass;

    LambdaModule(String moduleName, String handlerClass) {
        this.moduleName = moduleName;
        this.handlerClass = handlerClass;
    }

    /** The Maven module name, also the function's service name in logs and metrics. */
    public String moduleName() {
        return moduleName;
    }

    public String handlerClass() {
        return handlerClass;
    }

    /** {@code <module>/target/<module>.jar}: what the parent pom's shade execution {@code lambda-jar} writes. */
    public Path deployableJar(Path repositoryRoot) {
        return repositoryRoot.resolve(moduleName).resolve("target").resolve(moduleName + ".jar");
    }
}
