package org.quanli.platform.messaging;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Whether the transaction bound to this thread can still commit. A handler can leave it unusable without throwing:
 * a failed statement aborts a PostgreSQL transaction ("current transaction is aborted"), and a command sent from a
 * process whose handling failed marks the shared transaction rollback-only. Neither needs a round trip to detect:
 * the driver knows the server's transaction state from the last reply.
 */
@Component
public class TransactionHealth {

    private final DataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;

    public TransactionHealth(DataSource dataSource, EntityManagerFactory entityManagerFactory) {
        this.dataSource = dataSource;
        this.entityManagerFactory = entityManagerFactory;
    }

    /** @return why the current transaction cannot commit, or null when it can (or there is none) */
    public String unusable() {
        if (TransactionSynchronizationManager.getResource(entityManagerFactory) instanceof EntityManagerHolder jpa) {
            if (jpa.isRollbackOnly() || jpa.getEntityManager().getTransaction().isActive()
                    && jpa.getEntityManager().getTransaction().getRollbackOnly()) {
                return "the transaction is marked rollback-only";
            }
        }
        if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder jdbc) {
            if (jdbc.isRollbackOnly()) {
                return "the transaction is marked rollback-only";
            }
            Connection connection = jdbc.getConnection();
            try {
                if (connection.isWrapperFor(BaseConnection.class)
                        && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED) {
                    return "a statement failed and PostgreSQL aborted the transaction";
                }
            } catch (SQLException e) {
                return "its connection cannot be inspected: " + e.getMessage();
            }
        }
        return null;
    }
}
