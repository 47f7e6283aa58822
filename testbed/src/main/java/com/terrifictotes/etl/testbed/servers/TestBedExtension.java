package com.terrifictotes.etl.testbed.servers;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Optional JUnit 5 convenience: with {@code @ExtendWith(TestBedExtension.class)}, a test or lifecycle method may
 * take a {@link TestBed} parameter. It is just {@link TestBed#shared()}.
 */
public final class TestBedExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestBed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestBed.shared();
    }
}
