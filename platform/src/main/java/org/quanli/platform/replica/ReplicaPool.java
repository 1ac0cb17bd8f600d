package org.quanli.platform.replica;

import com.zaxxer.hikari.HikariDataSource;

/** The connections to the read replica, read-only. */
record ReplicaPool(HikariDataSource dataSource) implements AutoCloseable {

    static ReplicaPool open(ReadReplicaProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(properties.url());
        dataSource.setUsername(properties.username());
        dataSource.setPassword(properties.password());
        dataSource.setReadOnly(true);
        dataSource.setMaximumPoolSize(properties.poolSize());
        dataSource.setPoolName("quanli-read-replica");
        return new ReplicaPool(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
