package com.terrifictotes.etl.bench.coldstart;

import java.util.List;

/** A deployable jar, its handler and the event its trigger sends on a small batch. */
record LambdaFunction(String name, String handlerClass, String eventKind) {
    static final List<LambdaFunction> ALL = List.of(
            new LambdaFunction("extractor", "com.terrifictotes.etl.extractor.ExtractorHandler", "scheduled"),
            new LambdaFunction("transformer", "com.terrifictotes.etl.transformer.TransformerHandler", "catch-up"),
            new LambdaFunction("loader", "com.terrifictotes.etl.loader.LoaderHandler", "catch-up"));

    String jarName() {
        return name + ".jar";
    }
}
