package org.quanli.platform.messaging;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns "returned normally but left the transaction unusable" into a failure of that event handler, so that the
 * dead-letter queue parks that event rather than the batch failing at commit, again at every retry, for ever. A
 * process that catches a refused command is the usual case: the command's failure has already marked the shared
 * transaction rollback-only.
 */
@Component
class UnusableTransactionCheck implements HandlerEnhancerDefinition {

    private final ObjectProvider<TransactionHealth> health;

    UnusableTransactionCheck(ObjectProvider<TransactionHealth> health) {
        this.health = health;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.hasAnnotation(EventHandler.class) || original.hasAnnotation(EventSourcingHandler.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                Object result = super.handle(message, target);
                String unusable = health.getObject().unusable();
                if (unusable != null) {
                    throw new TransactionLeftUnusable("The handler of " + message.getPayloadType().getSimpleName()
                            + " returned, but " + unusable);
                }
                return result;
            }
        };
    }
}
