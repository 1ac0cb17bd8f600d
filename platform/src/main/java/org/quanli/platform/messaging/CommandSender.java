package org.quanli.platform.messaging;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.quanli.kernel.identity.Actor;
import org.springframework.stereotype.Component;

/**
 * Sends a command on behalf of an actor. The actor goes into the command's metadata and from there, through the
 * correlation providers, into every event the command causes.
 */
@Component
public class CommandSender {

    private final CommandGateway commandGateway;

    public CommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    public <R> R send(Object command, Actor actor) {
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(actor.toMetaData()));
    }
}
