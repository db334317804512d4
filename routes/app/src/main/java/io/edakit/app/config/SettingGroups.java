package io.edakit.app.config;

import io.edakit.transport.artemis.ArtemisBrokerSettings;
import java.util.List;
import java.util.Optional;

import io.edakit.operator.access.OperatorAccessSettings;
import io.edakit.operator.tasks.TaskSettings;
import io.edakit.app.metrics.settings.GaugeSettings;
import io.edakit.app.tracing.TracingSettings;
import io.edakit.config.Names;
import io.edakit.config.ParameterSpec;
import io.edakit.config.SettingGroup;
import io.edakit.deadletter.RedriveSettings;
import io.edakit.eventstore.EventStoreSettings;
import io.edakit.idempotency.IdempotencySettings;
import io.edakit.saga.SagaSettings;
import io.edakit.workflow.durable.WorkflowSettings;
import io.edakit.schema.SchemaSettings;
import io.edakit.transport.TransportSettings;
import io.edakit.transport.kafka.KafkaSettings;

/**
 * Every {@code edakit.*} setting group of the application, in the catalog's order: the one list
 * the catalog prints and the configuration check judges keys against. Each group is declared
 * beside its feature; a feature added without its group here has keys the check refuses.
 */
public final class SettingGroups {

    /** Keys of edakit's own settings start with this. */
    public static final String PREFIX = "edakit.";

    public static final List<SettingGroup<?>> ALL = List.of(TransportSettings.GROUP, ArtemisBrokerSettings.GROUP,
            KafkaSettings.GROUP, OperatorAccessSettings.GROUP, RedriveSettings.GROUP, SchemaSettings.GROUP,
            IdempotencySettings.GROUP, SagaSettings.GROUP, EventStoreSettings.GROUP,
            TracingSettings.GROUP, GaugeSettings.GROUP, WorkflowSettings.GROUP, TaskSettings.GROUP,
            io.edakit.archive.ArchiveSettings.GROUP);

    /** Every declared key, group after group. */
    public static final List<ParameterSpec> KEYS = ALL.stream().flatMap(group -> group.keys().stream()).toList();

    private SettingGroups() {
    }

    /** The declaration of {@code key}, written dashed or camelCase. */
    public static Optional<ParameterSpec> find(String key) {
        String camel = Names.camelCase(key);
        return KEYS.stream().filter(spec -> Names.camelCase(spec.name()).equals(camel)).findFirst();
    }

    /** Whether a group accepts {@code key} without declaring it (a family such as Kafka's pass-through). */
    public static boolean inFamily(String key) {
        return ALL.stream().anyMatch(group -> group.family().test(key));
    }
}
