package io.edakit.operator;

import java.util.List;

import io.edakit.operator.access.OperatorRequestReader;
import io.edakit.operator.archive.ArchiveApi;
import io.edakit.operator.dlq.DeadLetterApi;
import io.edakit.operator.eventstore.EventStoreApi;
import io.edakit.operator.fairness.FairnessApi;
import io.edakit.operator.projection.ProjectionApi;
import io.edakit.operator.saga.SagaApi;
import io.edakit.operator.tasks.ReplayApi;
import io.edakit.operator.tasks.TaskApi;
import io.edakit.operator.workflow.WorkflowApi;
import io.edakit.operator.workflow.WorkflowTaskApi;
import org.apache.camel.RoutesBuilder;

/**
 * Every operator HTTP operation under {@code /edakit} (dead letters and redrive, tasks, sagas,
 * workflows, tenants' fairness weights, event store, projections, archive and replays), as the
 * Camel routes that serve them on {@code platform-http:}. The host chooses the HTTP server: the
 * application adds them on Camel Main's, the Spring Boot starter on Boot's. Either also binds the
 * {@link OperatorRequestReader} of its server, through which every route checks the caller first.
 */
public final class OperatorApis {

    private OperatorApis() {
    }

    /** New route builders, one per API, to add to one Camel context. */
    public static List<RoutesBuilder> routes() {
        return List.of(new DeadLetterApi(), new SagaApi(), new EventStoreApi(), new WorkflowApi(), new FairnessApi(),
                new TaskApi(), new ProjectionApi(), new WorkflowTaskApi(), new ArchiveApi(), new ReplayApi());
    }
}
