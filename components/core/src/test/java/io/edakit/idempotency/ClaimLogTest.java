package io.edakit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.edakit.idempotency.ClaimLog.Entry;
import io.edakit.idempotency.ClaimLog.Op;
import org.junit.jupiter.api.Test;

/** The rule a log-kept store applies to its records in log order, without a log. */
class ClaimLogTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private final ClaimLog log = new ClaimLog();

    @Test
    void ofTwoRacingClaimsTheFirstInTheLogWins() {
        log.apply("k", Entry.claim("a#1", T0, WINDOW, false, null));
        log.apply("k", Entry.claim("b#1", T0.plusMillis(1), WINDOW, false, null));

        assertThat(log.decided("k", "a#1")).isEqualTo(ClaimResult.CLAIMED);
        assertThat(log.decided("k", "b#1")).isEqualTo(ClaimResult.IN_PROGRESS);
        log.apply("k", Entry.settle(Op.CONFIRM, "a#1"));
        assertThat(log.decided("k", "b#1")).isEqualTo(ClaimResult.DUPLICATE);
    }

    @Test
    void aClaimHeldAndNotLapsedIsAnsweredWithoutTheLog() {
        assertThat(log.answerWithoutLog("k", T0, WINDOW, false, false)).isNull(); // free: only the log decides

        log.apply("k", Entry.claim("a#1", T0, WINDOW, false, null));
        assertThat(log.answerWithoutLog("k", T0.plusSeconds(1), WINDOW, false, false)).isEqualTo(ClaimResult.IN_PROGRESS);
        log.apply("k", Entry.settle(Op.CONFIRM, "a#1"));
        assertThat(log.answerWithoutLog("k", T0.plusSeconds(1), WINDOW, false, false)).isEqualTo(ClaimResult.DUPLICATE);
        // once the window has passed the log decides again
        assertThat(log.answerWithoutLog("k", T0.plus(WINDOW).plusSeconds(1), WINDOW, false, false)).isNull();
    }

    @Test
    void anUnconfirmedClaimLapsesAfterTheLeaseAndATakeoverWinsAtOnce() {
        log.apply("k", Entry.claim("a#1", T0, WINDOW, false, null));

        log.apply("k", Entry.claim("b#1", T0.plusSeconds(1), WINDOW, true, null));
        assertThat(log.decided("k", "b#1")).isEqualTo(ClaimResult.CLAIMED);

        log.apply("k", Entry.claim("c#1", T0.plus(IdempotencyStore.IN_PROGRESS_LEASE).plusSeconds(2), WINDOW, false, null));
        assertThat(log.decided("k", "c#1")).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void aTakeoverNeverOverrulesAConfirmedHolder() {
        log.apply("k", Entry.claim("a#1", T0, WINDOW, false, null));
        log.apply("k", Entry.settle(Op.CONFIRM, "a#1"));

        log.apply("k", Entry.claim("b#1", T0.plusSeconds(1), WINDOW, true, "a#1"));

        assertThat(log.decided("k", "b#1")).isEqualTo(ClaimResult.DUPLICATE);
    }

    @Test
    void aClaimOverASilentHolderWinsOnlyWhileThatHolderStillHoldsTheKey() {
        log.apply("k", Entry.claim("dead#1", T0, WINDOW, false, null));
        log.apply("k", Entry.claim("b#1", T0.plusSeconds(20), WINDOW, false, "dead#1"));
        assertThat(log.decided("k", "b#1")).isEqualTo(ClaimResult.CLAIMED);

        // a second claim over the same (no longer holding) holder loses to the one that took the key
        log.apply("k", Entry.claim("c#1", T0.plusSeconds(21), WINDOW, false, "dead#1"));
        assertThat(log.decided("k", "c#1")).isEqualTo(ClaimResult.IN_PROGRESS);
    }

    @Test
    void settlingAndEvictingActOnlyOnTheClaimTheyName() {
        log.apply("k", Entry.claim("a#1", T0, WINDOW, false, null));
        log.apply("k", Entry.claim("b#1", T0.plusSeconds(1), WINDOW, true, null));

        log.apply("k", Entry.settle(Op.CONFIRM, "a#1")); // late: a#1 no longer holds the key
        log.apply("k", Entry.settle(Op.RELEASE, "a#1"));
        assertThat(log.holder("k").claimant()).isEqualTo("b#1");
        assertThat(log.holder("k").confirmed()).isFalse();

        // an eviction of an earlier claim of b#1's name (other time) leaves the current one alone
        log.apply("k", new Entry(Op.EVICT, "b#1", T0, WINDOW, false, false, null));
        assertThat(log.holder("k")).isNotNull();

        log.apply("k", Entry.settle(Op.RELEASE, "b#1"));
        assertThat(log.holder("k")).isNull();
    }

    @Test
    void evictionRemovesExpiredClaimsOnlyOnceTheirEvictRecordIsApplied() {
        log.apply("old", Entry.claim("a#1", T0, WINDOW, false, null));
        log.apply("new", Entry.claim("a#2", T0.plus(WINDOW), WINDOW, false, null));
        Instant now = T0.plus(WINDOW).plusSeconds(1);

        var expired = log.expired(now, WINDOW);
        assertThat(expired).containsOnlyKeys("old");
        assertThat(log.isGone("old", expired.get("old"))).isFalse();

        log.apply("old", Entry.evict(expired.get("old"), WINDOW));
        assertThat(log.isGone("old", expired.get("old"))).isTrue();
        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void aRecordOfTheEarlierFormatIsTheStateOfAnUnknownClaimant() {
        log.applyState("k", T0, true);

        assertThat(log.holder("k").claimant()).isEqualTo(ClaimLog.UNKNOWN_CLAIMANT);
        assertThat(log.answerWithoutLog("k", T0.plusSeconds(1), WINDOW, true, false)).isEqualTo(ClaimResult.DUPLICATE);
    }
}
