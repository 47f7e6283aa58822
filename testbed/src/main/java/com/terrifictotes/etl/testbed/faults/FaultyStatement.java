package com.terrifictotes.etl.testbed.faults;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Statement;

/** A statement proxy: every execute call is checked against the rules first, with its SQL. */
final class FaultyStatement implements InvocationHandler {
    private final Statement real;
    private final String preparedSql;
    private final FaultyConnection connection;

    private FaultyStatement(Statement real, String preparedSql, FaultyConnection connection) {
        this.real = real;
        this.preparedSql = preparedSql;
        this.connection = connection;
    }

    static Statement wrap(Statement real, Class<? extends Statement> type, String preparedSql,
                          FaultyConnection connection) {
        return (Statement) Proxy.newProxyInstance(FaultyStatement.class.getClassLoader(), new Class<?>[] {type},
                new FaultyStatement(real, preparedSql, connection));
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.startsWith("execute")) {
            connection.ran(args != null && args.length > 0 && args[0] instanceof String sql ? sql
                    : String.valueOf(preparedSql));
        }
        switch (name) {
            case "getConnection":
                return connection.proxy();
            case "unwrap":
                return ((Class<?>) args[0]).isInstance(self) ? self : delegate(method, args);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(self) || (Boolean) delegate(method, args);
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "FaultyStatement[" + real + "]";
            default:
                return delegate(method, args);
        }
    }

    private Object delegate(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
