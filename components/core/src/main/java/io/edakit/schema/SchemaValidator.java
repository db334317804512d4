package io.edakit.schema;

import java.util.Objects;

import io.edakit.envelope.EventEnvelope;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * A {@link SchemaRegistry} with a policy for unknown types: what a route template puts in front
 * of its handler. As a processor it reads the envelope from the {@code ce_*} headers and the
 * payload from the body, and throws {@link SchemaViolationException} (a poison message, dead-
 * lettered without retries) when the event is invalid.
 */
public final class SchemaValidator implements Processor {

    private final SchemaRegistry registry;
    private final UnknownTypePolicy policy;

    public SchemaValidator(SchemaRegistry registry, UnknownTypePolicy policy) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public ValidationResult validate(EventEnvelope envelope, byte[] body) {
        return registry.validate(envelope, body, policy);
    }

    /** @throws SchemaViolationException listing every violation when the message's event is invalid */
    public void check(Message message) {
        validate(EventEnvelope.of(message), message.getBody(byte[].class)).throwIfInvalid();
    }

    @Override
    public void process(Exchange exchange) {
        check(exchange.getMessage());
    }

    public UnknownTypePolicy policy() {
        return policy;
    }

    public SchemaRegistry registry() {
        return registry;
    }
}
