package io.edakit.routes.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.edakit.config.Bounds;
import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
import io.edakit.fairness.CostMode;
import io.edakit.fairness.TenantValues;

/**
 * The fairness parameters the consuming templates share (docs/fairness.md): declared once, passed
 * to the {@code channel:} consumer, checked before anything starts.
 */
public final class FairnessSupport {

    public static final Param<String> KEY = Param.expression("fairness-key").defaultValue("")
            .description("Fairness key: a simple expression naming the tenant of a message. Set, the channel's "
                    + "backlog is split into lanes on the broker and its consumers are shared between tenants by "
                    + "weighted deficit round robin, so a noisy tenant cannot starve the others. Empty: off.")
            .example("${header.ce_tenant}").build();
    public static final Param<String> WEIGHTS = Param.string("fairness-weights").defaultValue("")
            .description("Tenant weights, tenant=weight separated by commas (others weigh 1), or file:path to a "
                    + "file of tenant=weight lines, read again when it changes.")
            .example("gold=3,free=1").build();
    public static final Param<Double> MAX_SHARE = Param.number("fairness-max-share", Bounds.of(0.01, 1)).defaultValue(1)
            .description("While other tenants wait, one tenant holds at most this share of the consumers "
                    + "(work-conserving: a tenant alone gets all). 1: no cap.").example(0.5).build();
    public static final Param<CostMode> COST = Param.choice("fairness-cost", CostMode.class, "handler-time", "count")
            .defaultValue("handler-time")
            .description("What a message costs its tenant: its handler time (a slow tenant pays for the consumers "
                    + "it holds) or one per message.").example("count").build();
    public static final Param<String> PRIORITIES = Param.string("fairness-priorities").defaultValue("")
            .description("Strict priority levels, tenant=level separated by commas (others 0; higher levels "
                    + "first, fair within a level).").example("gold=1").build();
    public static final Param<Integer> LANES = Param.integer("fairness-lanes", Bounds.of(1, 1024)).defaultValue(16)
            .description("Lanes the channel's backlog is split into on the broker (queues on Artemis, topics on "
                    + "Kafka); a tenant's lane is its hash modulo this. Producers with the same fairness key "
                    + "and lanes send straight into the lanes.").example(32).build();

    public static final List<Param<?>> PARAMETERS = List.of(KEY, WEIGHTS, MAX_SHARE, COST, PRIORITIES, LANES);

    /** The {@code channel:} options that pass the parameters on. */
    public static final String OPTIONS = "&fairnessKey=RAW(" + KEY.placeholder() + ")"
            + "&fairnessWeights=RAW(" + WEIGHTS.placeholder() + ")"
            + "&fairnessMaxShare=" + MAX_SHARE.placeholder()
            + "&fairnessCost=" + COST.placeholder()
            + "&fairnessPriorities=RAW(" + PRIORITIES.placeholder() + ")"
            + "&fairnessLanes=" + LANES.placeholder();

    private FairnessSupport() {
    }

    /** Weights and priorities that do not parse (or a weights file that is missing). */
    public static List<ParameterProblem> problems(Function<String, String> values) {
        List<ParameterProblem> problems = new ArrayList<>();
        check(WEIGHTS, values, TenantValues::weights, problems);
        check(PRIORITIES, values, TenantValues::priorities, problems);
        return problems;
    }

    private static void check(Param<String> param, Function<String, String> values, Function<String, TenantValues> parse,
                              List<ParameterProblem> problems) {
        String value = values.apply(param.key());
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            parse.apply(value);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            problems.add(ParameterProblem.of(param, e.getMessage()));
        }
    }
}
