package com.terrifictotes.etl.infra;

import java.util.EnumSet;
import java.util.Map;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What the stack is built from besides the operator's settings: each function's code and size. The App passes the
 * modules' built jars; tests pass a small stand-in, so the stack is constructible before any jar exists.
 */
public record PipelineInputs(PipelineSettings settings, Map<LambdaModule, Code> code,
                             Map<LambdaModule, FunctionSizing> sizing) {
    public PipelineInputs {
        code = Map.copyOf(code);
        sizing = Map.copyOf(sizing);
        for (LambdaModule module : EnumSet.allOf(LambdaModule.class)) {
            if (!code.containsKey(module) || !sizing.containsKey(module)) {
                throw new IllegalArgumentException("no code or sizing for the " + module.moduleName() + " function");
            }
        }
    }

    public static PipelineInputs withDefaultSizing(PipelineSettings settings, Map<LambdaModule, Code> code) {
        return new PipelineInputs(settings, code, FunctionSizing.defaults());
    }
}
