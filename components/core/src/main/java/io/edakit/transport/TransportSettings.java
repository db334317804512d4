package io.edakit.transport;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;

/**
 * Which transport carries the channels, and who this instance is.
 *
 * @param transport  {@code artemis} or {@code kafka}, lower case
 * @param instanceId names this instance in reply addresses, failure headers and metrics
 */
public record TransportSettings(String transport, String instanceId) {

    public static final ParameterSpec TRANSPORT = ParameterSpec.builder("edakit.transport", ParameterType.ENUM)
            .allowed("artemis", "kafka").defaultValue("artemis")
            .description("Which messaging system carries every channel.").build();
    public static final ParameterSpec INSTANCE_ID = ParameterSpec.builder("edakit.instance-id", ParameterType.STRING)
            .description("Names this application instance in reply addresses, failure headers and metrics. "
                    + "Default: host name and process id.")
            .example("orders-1").build();

    public static final SettingGroup<TransportSettings> GROUP = SettingGroup.of("Transport and instance",
            List.of(TRANSPORT, INSTANCE_ID), TransportSettings::read);

    public static TransportSettings read(SettingSource source) {
        return new TransportSettings(source.word(TRANSPORT),
                source.optional(INSTANCE_ID).orElseGet(TransportSettings::defaultInstanceId));
    }

    public boolean usesArtemis() {
        return "artemis".equals(transport);
    }

    public boolean usesKafka() {
        return "kafka".equals(transport);
    }

    private static String defaultInstanceId() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        String id = runtime.contains("@")
                ? runtime.substring(runtime.indexOf('@') + 1) + "-" + runtime.substring(0, runtime.indexOf('@'))
                : UUID.randomUUID().toString().substring(0, 8);
        return id.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
