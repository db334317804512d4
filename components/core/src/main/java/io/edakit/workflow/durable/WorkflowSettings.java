package io.edakit.workflow.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;
import io.edakit.jdbc.JdbcSettings;

/**
 * The {@code edakit.workflow.*} settings of the durable workflow runner.
 *
 * @param store   the workflow store's database
 * @param lease   how long an execution stays with an instance that stopped renewing its claim
 * @param workers events (task answers, timers) handled at once
 * @param parkAfter faults in a row after which an execution is parked
 */
public record WorkflowSettings(JdbcSettings store, Duration lease, int workers, int parkAfter) {

    public static final JdbcSettings.Keys JDBC = JdbcSettings.keys("edakit.workflow", "workflow", "the workflow store",
            "the workflow store database", " Instances sharing it take over each other's executions when one dies.");
    public static final ParameterSpec LEASE = ParameterSpec.builder("edakit.workflow.lease", ParameterType.DURATION)
            .defaultValue("30s")
            .description("How long a workflow execution stays with the instance running it without that instance "
                    + "renewing its claim (it renews every third of this): after a crash, another instance (or the "
                    + "restarted one) resumes the execution this long after the last renewal.").example("10s").build();
    public static final ParameterSpec WORKERS = ParameterSpec.builder("edakit.workflow.workers", ParameterType.INTEGER)
            .bounds(Bounds.atLeast(1)).defaultValue(16)
            .description("Task answers and timers this instance handles at once (each waits for its commit; "
                    + "their commits share one transaction).").example(32).build();

    public static final ParameterSpec PARK_AFTER = ParameterSpec.builder("edakit.workflow.park-after",
                    ParameterType.INTEGER).bounds(Bounds.atLeast(1)).defaultValue(FaultPolicy.DEFAULT_PARK_AFTER)
            .description("Times in a row running one execution may throw in the runner (a bug, a poisoned definition "
                    + "or history; not a task's failure) before the execution is parked: status parked, the exception "
                    + "as its error, run by no instance until an operator stops it. Each fault is retried after a "
                    + "lease.").example(3).build();

    public static final SettingGroup<WorkflowSettings> GROUP = SettingGroup.of("Workflow", keys(), WorkflowSettings::read);

    public WorkflowSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(lease, "lease");
    }

    public static WorkflowSettings read(SettingSource source) {
        return new WorkflowSettings(JDBC.read(source), source.duration(LEASE), source.integer(WORKERS),
                source.integer(PARK_AFTER));
    }

    private static List<ParameterSpec> keys() {
        List<ParameterSpec> keys = new ArrayList<>(JDBC.all());
        keys.addAll(List.of(LEASE, WORKERS, PARK_AFTER));
        return keys;
    }
}
