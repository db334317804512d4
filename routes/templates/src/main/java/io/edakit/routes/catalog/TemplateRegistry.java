package io.edakit.routes.catalog;

import java.util.List;
import io.edakit.routes.bus.EventBusTemplate;
import io.edakit.routes.channel.IdempotentConsumerTemplate;
import io.edakit.routes.eventstore.EventStoreTemplate;
import io.edakit.routes.channel.IngressTemplate;
import io.edakit.routes.channel.PointToPointTemplate;
import io.edakit.routes.channel.RequestReplyTemplate;
import io.edakit.routes.channel.ResponderTemplate;
import io.edakit.routes.router.SenderRouterTemplate;
import io.edakit.routes.saga.SagaTemplate;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.workflow.WorkflowTemplate;

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
            new SagaTemplate(),
            new EventStoreTemplate(),
            new WorkflowTemplate(),
            new io.edakit.routes.projection.ProjectionTemplate(),
            new io.edakit.routes.workflow.WorkflowCallbackTemplate(),
            new io.edakit.routes.archive.EventArchiveTemplate());

    private TemplateRegistry() {
    }
}
