package io.edakit.transport.kafka;

import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.edakit.transport.TransportHealth;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * Whether the Kafka cluster answers. Health endpoints are polled often, by several probes at once;
 * the answer is cached for a few seconds so they do not turn into a stream of admin requests, and
 * a slow cluster costs a probe at most the short request timeout.
 */
final class ClusterHealthProbe {

    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int REQUEST_TIMEOUT_MILLIS = 2_000;

    private record Answer(TransportHealth health, long atNanos) {
    }

    private final Admin admin;
    private final String bootstrapServers;
    private volatile Answer last;

    ClusterHealthProbe(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    TransportHealth health() {
        Answer answer = last;
        if (answer != null && System.nanoTime() - answer.atNanos() < CACHE_NANOS) {
            return answer.health();
        }
        synchronized (this) {
            if (last == answer) { // no other caller refreshed it meanwhile
                last = new Answer(ask(), System.nanoTime());
            }
            return last.health();
        }
    }

    private TransportHealth ask() {
        try {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs(REQUEST_TIMEOUT_MILLIS));
            Collection<Node> nodes = cluster.nodes().get(REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            String clusterId = cluster.clusterId().get(REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return nodes.isEmpty()
                    ? TransportHealth.down("Kafka cluster " + clusterId + " at " + bootstrapServers + " reports no brokers")
                    : TransportHealth.up("connected to Kafka cluster " + clusterId + " (" + nodes.size() + " brokers)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TransportHealth.down("interrupted while asking the Kafka cluster at " + bootstrapServers);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return TransportHealth.down("Kafka cluster at " + bootstrapServers + " does not answer: " + cause);
        }
    }
}
