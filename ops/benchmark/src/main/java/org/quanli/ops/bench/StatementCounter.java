package org.quanli.ops.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts what the application sends to PostgreSQL through its pool: statements (a JDBC batch counts once, as the
 * round trip it is; its rows are counted apart) and commits. Figures noise cannot change, for the benchmark only:
 * registered as a source of the benchmark's application context, it wraps the {@code dataSource} bean.
 */
public class StatementCounter implements BeanPostProcessor {

    static final LongAdder STATEMENTS = new LongAdder();
    static final LongAdder BATCHED_ROWS = new LongAdder();
    static final LongAdder COMMITS = new LongAdder();

    /** @return statements, batched rows, commits so far */
    static long[] snapshot() {
        return new long[] {STATEMENTS.sum(), BATCHED_ROWS.sum(), COMMITS.sum()};
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
            return wrap(dataSource, DataSource.class);
        }
        return bean;
    }

    @SuppressWarnings("unchecked")
    private static <T> T wrap(T target, Class<T> type) {
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                new Counting(target));
    }

    private record Counting(Object target) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("unwrap") && args[0] instanceof Class<?> type && type.isInstance(target)) {
                return target;
            }
            if (name.equals("isWrapperFor") && args[0] instanceof Class<?> type && type.isInstance(target)) {
                return true;
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (target instanceof Statement) {
                if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                    STATEMENTS.increment();
                } else if (name.equals("addBatch")) {
                    BATCHED_ROWS.increment();
                } else if (name.startsWith("execute")) {
                    STATEMENTS.increment();
                }
            } else if (target instanceof Connection && name.equals("commit")) {
                COMMITS.increment();
            }
            if (result instanceof Connection connection && !(target instanceof Connection)) {
                return wrap(connection, Connection.class);
            }
            if (result instanceof Statement statement) {
                Class<?> type = method.getReturnType();
                if (type.isInterface() && Statement.class.isAssignableFrom(type)) {
                    return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                            new Counting(statement));
                }
            }
            return result;
        }
    }
}
