package io.edakit.routes.router;

import io.edakit.failure.PoisonMessageException;

/**
 * No rule of a sender-side router matches the message, and unmatched messages are configured to
 * go to the dead-letter channel. A poison message (no retry makes a rule match), but not an
 * invalid event: the caller's event was taken in and is safe, an operator can send it on.
 */
public final class UnroutedMessageException extends PoisonMessageException {

    private static final long serialVersionUID = 1L;

    public UnroutedMessageException() {
        super(SenderRouter.NO_RULE);
    }
}
