package com.terrifictotes.etl.testbed.faults;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/** pgjdbc's COPY API on the real connection, with a COPY that a rule names sending only its byte budget. */
final class FaultyCopyManager extends CopyManager {
    private final FaultyConnection connection;

    FaultyCopyManager(BaseConnection real, FaultyConnection connection) throws SQLException {
        super(real);
        this.connection = connection;
    }

    @Override
    public CopyIn copyIn(String sql) throws SQLException {
        SqlFaults.Rule rule = connection.faults().copyStarting(sql);
        CopyIn copy = super.copyIn(sql);
        if (rule == null) {
            return copy;
        }
        return (CopyIn) Proxy.newProxyInstance(FaultyCopyManager.class.getClassLoader(), new Class<?>[] {CopyIn.class},
                new Budget(copy, rule, sql, connection));
    }

    /** Passes data through until the budget is spent; then sends what fits and cuts the connection. */
    private static final class Budget implements InvocationHandler {
        private final CopyIn real;
        private final SqlFaults.Rule rule;
        private final String sql;
        private final FaultyConnection connection;
        private long sent;

        Budget(CopyIn real, SqlFaults.Rule rule, String sql, FaultyConnection connection) {
            this.real = real;
            this.rule = rule;
            this.sql = sql;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("writeToCopy") && args.length == 3) {
                byte[] data = (byte[]) args[0];
                int offset = (Integer) args[1];
                int length = (Integer) args[2];
                long room = rule.bytes() - sent;
                if (length > room) {
                    real.writeToCopy(data, offset, (int) room);
                    real.flushCopy();
                    sent += room;
                    rule.delivered().set(true);
                    throw SqlFaults.fail(connection.real(), rule.failure(), "after sending " + sent
                            + " bytes of " + SqlFaults.abbreviate(sql));
                }
                sent += length;
            }
            return delegate(method, args);
        }

        private Object delegate(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
