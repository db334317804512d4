package io.edakit.fairness;

/**
 * One tenant as the scheduler sees it now.
 *
 * @param tenant   the fairness key's value
 * @param waiting  messages read from the broker and waiting in the scheduler (the rest of its backlog is on the broker)
 * @param inFlight messages released to the route and not settled
 * @param handled  messages settled since start
 * @param share    its part of the cost settled in the last window, 0..1
 * @param weight   its weight now
 * @param priority its priority level
 * @param dwellP50Millis median time from arrival (send, when the sender stamped it) to release, of its last 1,024
 * @param dwellP99Millis the 99th percentile of the same
 * @param scheduledP99Millis the 99th percentile of the scheduler's part of it: from being read off the broker to
 *                       release (the rest of the dwell is the broker's and the transit's)
 * @param noisy    whether it takes more than 1.5 times its weighted share while it has a backlog
 */
public record TenantSnapshot(String tenant, int waiting, int inFlight, long handled, double share, double weight,
                             int priority, double dwellP50Millis, double dwellP99Millis, double scheduledP99Millis,
                             boolean noisy) {
}
