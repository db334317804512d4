package io.edakit.bench;

import java.util.List;

/** The transports the benchmark knows, by their command-line name. */
final class BenchTransports {

    static final List<String> NAMES = List.of("artemis", "kafka");

    private BenchTransports() {
    }

    static BenchTransport create(BenchOptions options) {
        return switch (options.transport()) {
            case "artemis" -> new ArtemisBenchTransport();
            case "kafka" -> new KafkaBenchTransport(options.bootstrapServers(), options.consumers());
            default -> throw new IllegalArgumentException("unknown transport " + options.transport());
        };
    }

    static String describe(BenchOptions options) {
        return create(options).describe(options.template());
    }
}
