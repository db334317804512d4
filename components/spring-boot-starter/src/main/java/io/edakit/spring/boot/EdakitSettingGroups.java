package io.edakit.spring.boot;

import java.util.List;

import io.edakit.config.ParameterSpec;
import io.edakit.config.SettingGroup;
import io.edakit.deadletter.RedriveSettings;
import io.edakit.idempotency.IdempotencySettings;
import io.edakit.operator.access.OperatorAccessSettings;
import io.edakit.operator.tasks.TaskSettings;
import io.edakit.saga.SagaSettings;
import io.edakit.schema.SchemaSettings;
import io.edakit.transport.TransportSettings;
import io.edakit.transport.artemis.ArtemisBrokerSettings;
import io.edakit.transport.kafka.KafkaSettings;

/**
 * The {@code edakit.*} setting groups a Spring Boot application has: the library's (as the fat
 * jar's SettingGroups lists them, the operator API's access and tasks included, which the starter serves
 * with edakit.spring.operator-api=true) and the starter's own. The configuration metadata is generated from these declarations
 * and start-up reads each group once, so a bad value fails there, naming its key.
 */
public final class EdakitSettingGroups {

    public static final List<SettingGroup<?>> ALL = List.of(TransportSettings.GROUP, ArtemisBrokerSettings.GROUP,
            KafkaSettings.GROUP, RedriveSettings.GROUP, SchemaSettings.GROUP, IdempotencySettings.GROUP,
            SagaSettings.GROUP, SpringBootSettings.GROUP, OperatorAccessSettings.GROUP, TaskSettings.GROUP);

    /** Every declared key, group after group. */
    public static final List<ParameterSpec> KEYS = ALL.stream().flatMap(group -> group.keys().stream()).toList();

    private EdakitSettingGroups() {
    }
}
