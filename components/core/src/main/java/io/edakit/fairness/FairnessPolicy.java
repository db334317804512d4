package io.edakit.fairness;

/**
 * How a fair channel shares its consumers between tenants.
 *
 * @param weights    per-tenant weights (default 1)
 * @param priorities per-tenant strict priority levels (default 0; higher first, fair within a level)
 * @param maxShare   while others wait, a tenant holds at most this fraction of the consumers (1 = no cap)
 * @param costMode   what a message costs
 * @param lanes      how many lanes the channel is split into on the broker
 */
public record FairnessPolicy(TenantValues weights, TenantValues priorities, double maxShare, CostMode costMode,
                             int lanes) {

    public static final int DEFAULT_LANES = 16;

    public FairnessPolicy {
        if (!(maxShare > 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("expected a share more than 0 and at most 1, was " + maxShare);
        }
        if (lanes < 1 || lanes > 1024) {
            throw new IllegalArgumentException("expected between 1 and 1024 lanes, was " + lanes);
        }
    }

    /** Equal weights, one level, no cap, handler time. */
    public static FairnessPolicy equalShares() {
        return new FairnessPolicy(TenantValues.weights(""), TenantValues.priorities(""), 1.0, CostMode.HANDLER_TIME,
                DEFAULT_LANES);
    }

    public FairnessPolicy withWeights(String spec) {
        return new FairnessPolicy(TenantValues.weights(spec), priorities, maxShare, costMode, lanes);
    }

    public FairnessPolicy withCostMode(CostMode mode) {
        return new FairnessPolicy(weights, priorities, maxShare, mode, lanes);
    }

    public FairnessPolicy withMaxShare(double share) {
        return new FairnessPolicy(weights, priorities, share, costMode, lanes);
    }

    public FairnessPolicy withPriorities(String spec) {
        return new FairnessPolicy(weights, TenantValues.priorities(spec), maxShare, costMode, lanes);
    }

    public FairnessPolicy withLanes(int count) {
        return new FairnessPolicy(weights, priorities, maxShare, costMode, count);
    }
}
