package io.edakit.eventpattern;

/**
 * What happens to an event no rule matches. There is no default: a rule set says it, so that
 * dropping events is always a written decision (and the bus counts and logs every drop).
 */
public sealed interface UnmatchedPolicy {

    static UnmatchedPolicy drop() {
        return new Drop();
    }

    static UnmatchedPolicy sendTo(String target) {
        return new SendTo(target);
    }

    /** {@code unmatched: drop} */
    record Drop() implements UnmatchedPolicy {
    }

    /** {@code unmatched: {target: channel:unrouted}} */
    record SendTo(String target) implements UnmatchedPolicy {
        public SendTo {
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("unmatched: target is empty");
            }
        }
    }
}
