package io.edakit.fairness;

/**
 * Where a fair channel's backlog lives on the broker: {@code <channel>.fair.<n>}, n from 0 to
 * lanes - 1, each an ordinary channel of the transport. A tenant's lane is the floor-mod of its
 * name's {@link String#hashCode} (stable across JVMs and versions, so every producer and consumer
 * agrees without talking to each other).
 */
public final class FairLanes {

    /** The header a fairness-aware sender stamps with the send time (epoch milliseconds): dwell starts there. */
    public static final String SENT_HEADER = "edakit-fair-sent";

    private static final String LANE_INFIX = ".fair.";

    private FairLanes() {
    }

    public static int laneOf(String tenant, int lanes) {
        return Math.floorMod(tenant.hashCode(), lanes);
    }

    public static String laneChannel(String channel, int lane) {
        return channel + LANE_INFIX + lane;
    }

    /** Whether {@code name} is a lane of some fair channel. */
    public static boolean isLane(String name) {
        int at = name.lastIndexOf(LANE_INFIX);
        return at > 0 && name.substring(at + LANE_INFIX.length()).chars().allMatch(Character::isDigit);
    }
}
