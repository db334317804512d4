package io.edakit.saga;

/** A saga definition that cannot be used; the message names the file (or parameter) and the entry. */
public final class SagaDefinitionException extends IllegalArgumentException {

    public SagaDefinitionException(String message) {
        super(message);
    }
}
