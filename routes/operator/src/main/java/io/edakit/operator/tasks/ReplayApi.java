package io.edakit.operator.tasks;

import io.edakit.operator.access.OperatorApi;
import io.edakit.operator.archive.ArchiveJson;
import io.edakit.operator.archive.ReplayTimes;
import io.edakit.routes.support.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Replays over HTTP, behind the operator access check (starting and cancelling need the operator
 * token or a console session):
 * <pre>
 * GET    /edakit/replays                                        every replay, newest first
 * POST   /edakit/replays?name=&amp;archive=&amp;from=&amp;to=&amp;filter=&amp;target=&amp;rate=&amp;batch=&amp;inFlight=   starts one (202)
 * POST   /edakit/replays?...&amp;dryRun=true&amp;first=10                the count and first events, nothing sent (200)
 * GET    /edakit/replays/{name}                                 one: state, progress, cursor, last replayed time
 * DELETE /edakit/replays/{name}                                 cancels it (202; it stops after the event at hand)
 * </pre>
 * Window times: {@link ReplayTimes}; {@code to} defaults to now (fixed when the replay starts).
 */
public final class ReplayApi extends OperatorApi {

    private static final String BASE = "/replays";

    @Override
    public void configure() {
        onException(IllegalArgumentException.class).handled(true).process(exchange -> error(exchange, 400, "bad-request"));
        onException(Exception.class).handled(true).process(exchange -> error(exchange, 500, "failed"));
        ReplayTasks replays = ReplayTasks.forContext(getContext());

        operatorRoute(BASE, "GET,POST").routeId("edakit-replays").process(exchange -> {
            Message in = exchange.getMessage();
            if ("POST".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
                ReplayTaskSpec spec = spec(in, replays);
                if (spec.dryRun()) {
                    JsonResponses.write(exchange, 200, ArchiveJson.dryRun(spec.name(),
                            replays.dryRun(spec, in.getHeader("first", 10, Integer.class))));
                } else {
                    JsonResponses.write(exchange, 202, replays.start(spec).toJson(replays.clock().instant()));
                }
                return;
            }
            TaskJson.writeList(exchange, replays, "replays");
        });

        operatorRoute(BASE + "/{name}", "GET,DELETE").routeId("edakit-replay").process(exchange -> {
            Message in = exchange.getMessage();
            TaskJson.writeOne(exchange, replays, in.getHeader("name", String.class),
                    "DELETE".equals(in.getHeader(Exchange.HTTP_METHOD, String.class)), "replay");
        });
    }

    private static ReplayTaskSpec spec(Message in, ReplayTasks replays) {
        String from = in.getHeader("from", String.class);
        String to = in.getHeader("to", String.class);
        return new ReplayTaskSpec(required(in, "name"), required(in, "archive"),
                from == null ? java.time.Instant.EPOCH : ReplayTimes.parse(from, "from", replays.clock()),
                to == null ? replays.clock().instant() : ReplayTimes.parse(to, "to", replays.clock()),
                in.getHeader("filter", String.class), in.getHeader("target", String.class),
                in.getHeader("rate", Double.class), in.getHeader("batch", ReplayTaskSpec.DEFAULT_BATCH, Integer.class),
                in.getHeader("inFlight", 1, Integer.class),
                in.getHeader("dryRun", false, Boolean.class));
    }

    private static String required(Message in, String name) {
        String value = in.getHeader(name, String.class);
        if (value == null || value.isBlank()) {
            throw new BadRequest("missing parameter '" + name + "'");
        }
        return value;
    }
}
