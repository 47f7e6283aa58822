package com.terrifictotes.etl.testbed.faults;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;

/**
 * The connection proxy of a {@link FaultyDataSource}: hands out statement proxies, a COPY API that counts bytes, and
 * watches commits. It remembers the statements of the open transaction, for the commit rules.
 */
final class FaultyConnection implements InvocationHandler {
    private final Connection real;
    private final SqlFaults faults;
    private final List<String> transaction = new ArrayList<>();
    private Connection proxy;

    private FaultyConnection(Connection real, SqlFaults faults) {
        this.real = real;
        this.faults = faults;
    }

    static Connection wrap(Connection real, SqlFaults faults) {
        FaultyConnection handler = new FaultyConnection(real, faults);
        handler.proxy = (Connection) Proxy.newProxyInstance(FaultyConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class, PGConnection.class}, handler);
        return handler.proxy;
    }

    Connection proxy() {
        return proxy;
    }

    Connection real() {
        return real;
    }

    SqlFaults faults() {
        return faults;
    }

    synchronized void ran(String sql) throws java.sql.SQLException {
        faults.beforeStatement(real, sql);
        transaction.add(sql);
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "unwrap":
                return ((Class<?>) args[0]).isInstance(proxy) ? proxy : delegate(method, args);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(proxy) || (Boolean) delegate(method, args);
            case "createStatement":
                return FaultyStatement.wrap((Statement) delegate(method, args), Statement.class, null, this);
            case "prepareStatement":
                return FaultyStatement.wrap((Statement) delegate(method, args), PreparedStatement.class,
                        (String) args[0], this);
            case "prepareCall":
                return FaultyStatement.wrap((Statement) delegate(method, args), CallableStatement.class,
                        (String) args[0], this);
            case "getCopyAPI":
                return new FaultyCopyManager(real.unwrap(BaseConnection.class), this);
            case "commit":
                return commit(method, args);
            case "rollback":
            case "setAutoCommit":
                clearTransaction();
                return delegate(method, args);
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "FaultyConnection[" + real + "]";
            default:
                return delegate(method, args);
        }
    }

    private Object commit(Method method, Object[] args) throws Throwable {
        delegate(method, args);
        List<String> committed;
        synchronized (this) {
            committed = List.copyOf(transaction);
            transaction.clear();
        }
        faults.afterCommit(real, committed);
        return null;
    }

    private synchronized void clearTransaction() {
        transaction.clear();
    }

    private Object delegate(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
