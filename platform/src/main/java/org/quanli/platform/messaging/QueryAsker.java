package org.quanli.platform.messaging;

import java.util.concurrent.CompletionException;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Asks a query and waits for the answer, rethrowing what the handler threw (not found, bad request) so that it
 * becomes the right problem response instead of a wrapped 500.
 */
@Component
public class QueryAsker {

    private final QueryGateway queryGateway;

    public QueryAsker(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    public <R> R ask(Object query, Class<R> responseType) {
        try {
            return queryGateway.query(query, ResponseTypes.instanceOf(responseType)).join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof QueryExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
