package io.edakit.app.cli;

import java.util.List;

import io.edakit.operator.dlq.DeadLetterOperations;
import io.edakit.deadletter.HeaderFilter;
import io.edakit.deadletter.RedriveRequest;
import picocli.CommandLine.Option;

/** What to redrive, the same for {@code dlq redrive} (here and now) and {@code tasks start} (in the instance). */
final class RedriveOptions {

    @Option(names = "--to", description = "target channel instead of each message's original one")
    String to;

    // '%' doubled: picocli formats descriptions like printf
    @Option(names = "--filter", description = "header condition, JMS selector syntax, e.g. "
            + "\"edakit_failure_exception LIKE '%%Timeout%%'\"")
    String filter;

    @Option(names = "--ids", split = ",", description = "comma-separated envelope ids (ce_id)")
    List<String> ids;

    @Option(names = "--max", description = "at most this many")
    Long max;

    @Option(names = "--rate", description = "at most this many per second")
    Double rate;

    @Option(names = "--dry-run", description = "count what would move, move nothing")
    boolean dryRun;

    RedriveRequest request(DeadLetterOperations operations, String channel, HeaderFilter headers) {
        RedriveRequest request = operations.request(channel).withTarget(to).withFilter(headers).withIds(ids)
                .withDryRun(dryRun);
        request = max == null ? request : request.withMax(max);
        return rate == null ? request : request.withRate(rate);
    }
}
