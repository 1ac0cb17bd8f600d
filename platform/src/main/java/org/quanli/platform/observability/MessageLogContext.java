package org.quanli.platform.observability;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.rules.AlreadyExists;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.NotFound;
import org.quanli.kernel.rules.RuleViolation;
import org.quanli.platform.messaging.MessagingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While a command, event or deadline is handled, the log lines carry its conversation's correlation id and the user
 * who acts ({@link LogContext}); a command the rules refuse is logged here once, at INFO, with the rule.
 */
public class MessageLogContext<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    private static final Logger log = LoggerFactory.getLogger(MessageLogContext.class);

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Object correlation = message.getMetaData().get(MessagingConfiguration.CORRELATION_ID);
        Object user = message.getMetaData().get(Actor.USER_ID);
        try (LogContext.Scope c = LogContext.put(LogContext.CORRELATION_ID,
                correlation != null ? correlation.toString() : message.getIdentifier());
             LogContext.Scope u = LogContext.put(LogContext.USER, user != null ? user.toString() : null)) {
            try {
                return chain.proceed();
            } catch (RuleViolation e) {
                refused(message, e.rule(), e);
                throw e;
            } catch (Forbidden e) {
                refused(message, "forbidden", e);
                throw e;
            } catch (NotFound e) {
                refused(message, "not-found", e);
                throw e;
            } catch (AlreadyExists e) {
                refused(message, "already-exists", e);
                throw e;
            }
        }
    }

    private static void refused(Message<?> message, String rule, RuntimeException e) {
        if (message instanceof CommandMessage<?>) {
            log.info("command {} refused: rule {}: {}", message.getPayloadType().getSimpleName(), rule, e.getMessage());
        }
    }
}
