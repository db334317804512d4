package io.edakit.operator.archive;

import java.time.Instant;

import io.edakit.operator.access.OperatorApi;
import io.edakit.archive.EventArchive;
import io.edakit.routes.archive.EventArchives;
import io.edakit.routes.support.JsonResponses;
import org.apache.camel.Message;

/**
 * The event archives over HTTP, behind the operator access check (reads only):
 * <pre>
 * GET /edakit/archives                                              every archive: events, first and last time
 * GET /edakit/archives/{name}/events?from=&amp;to=&amp;after=0&amp;limit=100   an archive's events in archive order
 * </pre>
 * {@code from} and {@code to} are window times ({@link ReplayTimes}); default: all.
 */
public final class ArchiveApi extends OperatorApi {

    private static final String BASE = "/archives";

    @Override
    public void configure() {
        onException(IllegalArgumentException.class).handled(true).process(exchange -> error(exchange, 400, "bad-request"));
        onException(Exception.class).handled(true).process(exchange -> error(exchange, 500, "failed"));

        operatorRoute(BASE, "GET").routeId("edakit-archives").process(exchange ->
                JsonResponses.write(exchange, 200, ArchiveJson.archives(EventArchives.forContext(getContext()).archives())));
        operatorRoute(BASE + "/{name}/events", "GET").routeId("edakit-archive-events").process(exchange -> {
            Message in = exchange.getMessage();
            var archive = EventArchives.forContext(getContext());
            String from = in.getHeader("from", String.class);
            String to = in.getHeader("to", String.class);
            JsonResponses.write(exchange, 200, ArchiveJson.events(archive.read(in.getHeader("name", String.class),
                    from == null ? Instant.EPOCH : ReplayTimes.parse(from, "from", archive.clock()),
                    to == null ? EventArchive.END_OF_TIME : ReplayTimes.parse(to, "to", archive.clock()),
                    in.getHeader("after", 0L, Long.class), in.getHeader("limit", 100, Integer.class))));
        });
    }
}
