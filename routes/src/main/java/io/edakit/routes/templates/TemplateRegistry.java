package io.edakit.routes.templates;

import java.util.List;

/** The templates edakit ships, in catalog order. */
public final class TemplateRegistry {

    public static final List<EdakitTemplate> ALL = List.of(
            new IngressTemplate(),
            new PointToPointTemplate(),
            new IdempotentConsumerTemplate(),
            new RequestReplyTemplate(),
            new ResponderTemplate(),
            new SenderRouterTemplate(),
            new EventBusTemplate(),
            new SagaTemplate());

    private TemplateRegistry() {
    }
}
