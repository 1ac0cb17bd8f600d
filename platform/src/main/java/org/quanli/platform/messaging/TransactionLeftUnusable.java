package org.quanli.platform.messaging;

/** An event handler returned, but left the transaction it shares with its batch unable to commit. */
public class TransactionLeftUnusable extends IllegalStateException {

    public TransactionLeftUnusable(String message) {
        super(message);
    }
}
