package org.quanli.ops.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Wraps the application's data source and counts what reaches PostgreSQL: statements executed and round trips
 * (an execute, a batch, a COPY, a commit, a rollback, a validity check, an isolation change), for the threads a phase
 * drives ({@link #COMMAND_PATH}: the benchmark's client threads, the HTTP server's and the list importer's) and for all threads
 * together (projections, schedulers, the sealer). The statements of the command path are kept by their text too,
 * so that a run shows which ones a command issues. PostgreSQL's JDBC driver sends a {@code BEGIN} with the first
 * statement of a transaction and a batch in one exchange; these counts follow that.
 */
final class CountingDataSource implements InvocationHandler {

    /** The threads whose statements are a command's: the benchmark's clients and Tomcat's request threads. */
    static final Predicate<String> COMMAND_PATH = threadName -> threadName.startsWith("bench-client")
            || threadName.contains("-exec-") || threadName.startsWith("list-import-");

    final LongAdder commandStatements = new LongAdder();
    final LongAdder commandRoundTrips = new LongAdder();
    final LongAdder allStatements = new LongAdder();
    final LongAdder allRoundTrips = new LongAdder();
    final Map<String, LongAdder> commandStatementsByText = new ConcurrentHashMap<>();
    /** Round trips of every thread, by the thread's pool ({@link Breakdown#pool}) and the statement's text. */
    final Map<String, LongAdder> roundTripsByPoolAndText = new ConcurrentHashMap<>();

    /** How a COPY through the driver's own interface is named in the counts. */
    static final String COPY = "copy … from stdin (the driver's copy interface)";

    private static final boolean COUNTED = Boolean.parseBoolean(System.getProperty("bench.countStatements", "true"));

    private final DataSource target;

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    /**
     * Puts a counting proxy around the application's data source as the context starts; the proxy's counts are then
     * in {@code counting[0]}. With {@code -Dbench.countStatements=false} the application keeps its own data source,
     * to time it without the proxy's cost (every binding of a value passes through the proxy); statements and round
     * trips then read 0.
     */
    static ApplicationContextInitializer<ConfigurableApplicationContext> around(CountingDataSource[] counting) {
        return context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource && counting[0] == null) {
                    counting[0] = new CountingDataSource(dataSource);
                    return COUNTED ? counting[0].counted() : dataSource;
                }
                return bean;
            }
        });
    }

    /** The data source to give the application in place of {@link #target()}. */
    DataSource counted() {
        return proxy(DataSource.class, target, this);
    }

    DataSource target() {
        return target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object result = call(target, method, args);
        if (result instanceof Connection connection) {
            return proxy(Connection.class, connection, new ConnectionCounter(connection));
        }
        return result;
    }

    private void roundTrip(String sql, int statements) {
        allRoundTrips.increment();
        allStatements.add(statements);
        roundTripsByPoolAndText.computeIfAbsent(Breakdown.pool(Thread.currentThread().getName()) + " · "
                + (sql == null ? "(commit, rollback or check)" : shorten(sql)), s -> new LongAdder()).increment();
        if (COMMAND_PATH.test(Thread.currentThread().getName())) {
            commandRoundTrips.increment();
            commandStatements.add(statements);
            if (sql != null) {
                commandStatementsByText.computeIfAbsent(shorten(sql), s -> new LongAdder()).add(statements);
            }
        }
    }

    /** Each statement's text on one line, shortened once: building it at every round trip was 1% of a rebuild. */
    private static final Map<String, String> SHORTENED = new ConcurrentHashMap<>();

    private static String shorten(String sql) {
        return SHORTENED.computeIfAbsent(sql, text -> {
            String oneLine = text.replaceAll("\\s+", " ").trim();
            return oneLine.length() > 110 ? oneLine.substring(0, 110) + "…" : oneLine;
        });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private final class ConnectionCounter implements InvocationHandler {

        private final Connection connection;

        ConnectionCounter(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback") || name.equals("isValid")
                    || name.equals("setTransactionIsolation")) {
                roundTrip(null, 0);
            }
            if (name.equals("unwrap") && args[0] == PGConnection.class) {
                // The projections' writes unwrap the driver's connection only to COPY rows in: one statement, one
                // exchange, however many rows.
                roundTrip(COPY, 1);
            }
            Object result = call(connection, method, args);
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
            if (result instanceof CallableStatement statement) {
                return proxy(CallableStatement.class, statement, new StatementCounter(statement, sql));
            }
            if (result instanceof PreparedStatement statement) {
                return proxy(PreparedStatement.class, statement, new StatementCounter(statement, sql));
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement, new StatementCounter(statement, null));
            }
            return result;
        }
    }

    private final class StatementCounter implements InvocationHandler {

        private final Statement statement;
        private final String preparedSql;
        private int batched;
        private String batchSql;

        StatementCounter(Statement statement, String preparedSql) {
            this.statement = statement;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("addBatch")) {
                batched++;
                batchSql = args != null && args.length == 1 && args[0] instanceof String s ? s : preparedSql;
            } else if (name.equals("clearBatch")) {
                batched = 0;
            } else if (name.startsWith("executeBatch") || name.startsWith("executeLargeBatch")) {
                roundTrip(batchSql, batched);
                batched = 0;
            } else if (name.startsWith("execute")) {
                roundTrip(args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql, 1);
            }
            return call(statement, method, args);
        }
    }
}
