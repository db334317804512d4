package io.edakit.idempotency;

import java.time.Duration;
import java.time.Instant;

/**
 * One stripe of {@link MemoryIdempotencyStore}: an open-addressing hash table (linear probing,
 * backward-shift deletion, so no tombstones) of 128-bit key hashes, in three parallel
 * {@code long} arrays: 24 bytes a slot, about 48 bytes a key at the load it grows at, and no object
 * per key. Not thread-safe: the store holds the stripe's lock around every call.
 *
 * <p>A slot's stamp is the claim time in epoch milliseconds shifted left by two, with bit 1 set
 * when the slot is used and bit 0 once the claim is confirmed; an empty slot's stamp is 0. So the
 * hash keeps all its 128 bits.
 */
final class KeyTable {

    private static final int INITIAL_CAPACITY = 64;
    private static final int GROW_AT_PERCENT = 75;
    private static final long CONFIRMED = 1;
    private static final long USED = 2;

    private long[] high = new long[INITIAL_CAPACITY];
    private long[] low = new long[INITIAL_CAPACITY];
    private long[] stamps = new long[INITIAL_CAPACITY];
    private int count;

    int size() {
        return count;
    }

    /** Claims the key (see {@link IdempotencyStore#claim}); answers what it found. */
    ClaimResult claim(long hi, long lo, Instant now, Duration window, boolean takeOverUnconfirmed) {
        int slot = find(hi, lo);
        if (slot >= 0) {
            boolean confirmed = confirmed(stamps[slot]);
            if ((takeOverUnconfirmed && !confirmed) || IdempotencyStore.lapsed(claimedAt(stamps[slot]), confirmed, now,
                    window)) {
                stamps[slot] = stamp(now, false);
                return ClaimResult.CLAIMED;
            }
            return ClaimResult.held(confirmed);
        }
        if ((count + 1) * 100L > (long) high.length * GROW_AT_PERCENT) {
            resize(high.length * 2);
        }
        insert(hi, lo, stamp(now, false));
        count++;
        return ClaimResult.CLAIMED;
    }

    void confirm(long hi, long lo) {
        int slot = find(hi, lo);
        if (slot >= 0) {
            stamps[slot] |= CONFIRMED;
        }
    }

    /** Forgets the key; true if it was held. */
    boolean release(long hi, long lo) {
        int slot = find(hi, lo);
        if (slot < 0) {
            return false;
        }
        remove(slot);
        return true;
    }

    /**
     * Forgets every key claimed before {@code cutoffMillis}, and of those claimed at it as many as
     * {@code atCutoff[0]} allows (counted down); answers how many it forgot.
     */
    int removeClaimedBefore(long cutoffMillis, int[] atCutoff) {
        int removed = 0;
        for (int slot = 0; slot < low.length; slot++) {
            // a removal shifts a later key into this slot: look at the slot again
            while (used(stamps[slot]) && removable(claimedAtMillis(stamps[slot]), cutoffMillis, atCutoff)) {
                remove(slot);
                removed++;
            }
        }
        if (count < high.length * GROW_AT_PERCENT / 400 && high.length > INITIAL_CAPACITY) {
            resize(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, count)) * 4));
        }
        return removed;
    }

    /** Adds the claim times (epoch ms) of the keys held to {@code into} from {@code at}; answers the next index. */
    int claimTimes(long[] into, int at) {
        int next = at;
        for (int slot = 0; slot < low.length && next < into.length; slot++) {
            if (used(stamps[slot])) {
                into[next++] = claimedAtMillis(stamps[slot]);
            }
        }
        return next;
    }

    private static boolean removable(long claimedAt, long cutoffMillis, int[] atCutoff) {
        if (claimedAt < cutoffMillis) {
            return true;
        }
        if (claimedAt == cutoffMillis && atCutoff[0] > 0) {
            atCutoff[0]--;
            return true;
        }
        return false;
    }

    private static boolean used(long stamp) {
        return (stamp & USED) != 0;
    }

    private int find(long hi, long lo) {
        int mask = low.length - 1;
        for (int slot = home(lo, mask); used(stamps[slot]); slot = (slot + 1) & mask) {
            if (low[slot] == lo && high[slot] == hi) {
                return slot;
            }
        }
        return -1;
    }

    private void insert(long hi, long lo, long stamp) {
        int mask = low.length - 1;
        int slot = home(lo, mask);
        while (used(stamps[slot])) {
            slot = (slot + 1) & mask;
        }
        high[slot] = hi;
        low[slot] = lo;
        stamps[slot] = stamp;
    }

    /** Backward-shift deletion: moves later keys of the probe run into the hole where they still belong. */
    private void remove(int slot) {
        int mask = low.length - 1;
        int hole = slot;
        for (int next = (hole + 1) & mask; used(stamps[next]); next = (next + 1) & mask) {
            int home = home(low[next], mask);
            // the key at next may fill the hole if its home is not cyclically within (hole, next]
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                high[hole] = high[next];
                low[hole] = low[next];
                stamps[hole] = stamps[next];
                hole = next;
            }
        }
        high[hole] = 0;
        low[hole] = 0;
        stamps[hole] = 0;
        count--;
    }

    private void resize(int capacity) {
        long[] oldHigh = high;
        long[] oldLow = low;
        long[] oldStamps = stamps;
        high = new long[capacity];
        low = new long[capacity];
        stamps = new long[capacity];
        for (int slot = 0; slot < oldLow.length; slot++) {
            if (used(oldStamps[slot])) {
                insert(oldHigh[slot], oldLow[slot], oldStamps[slot]);
            }
        }
    }

    private static int home(long lo, int mask) {
        return (int) lo & mask;
    }

    private static long stamp(Instant claimedAt, boolean confirmed) {
        return (claimedAt.toEpochMilli() << 2) | USED | (confirmed ? CONFIRMED : 0);
    }

    private static boolean confirmed(long stamp) {
        return (stamp & CONFIRMED) != 0;
    }

    private static long claimedAtMillis(long stamp) {
        return stamp >> 2;
    }

    private static Instant claimedAt(long stamp) {
        return Instant.ofEpochMilli(claimedAtMillis(stamp));
    }

    @Override
    public String toString() {
        return "KeyTable[" + count + " of " + high.length + " slots]";
    }
}
