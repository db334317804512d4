package io.edakit.routes.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

import io.edakit.idempotency.AdvanceResult;
import io.edakit.idempotency.ClaimResult;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.idempotency.MemoryIdempotencyStore;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A Camel {@link IdempotentRepository} (Redis, Infinispan, JDBC, Camel's memory one ...) as the store
 * of an edakit template ({@code edakit.idempotency.store=camel}). Keys are prefixed with the
 * namespace ({@code orders@billing:<key>}), so that template instances sharing one repository never
 * collide.
 *
 * <p><b>What the template keeps and what it loses</b> with such a repository:
 * <ul>
 * <li>Kept: claim before the handler, atomic as far as the repository's {@code add} is (Camel's
 *     memory, JDBC, Redis and Infinispan repositories are); released on failure, so a redelivery or a
 *     redrive is handled; a redelivery (delivery count above 1) takes an unconfirmed claim over.</li>
 * <li>Lost: the window. A Camel repository has no time per key, so keys live as long as the
 *     repository keeps them (its cache size, its TTL); {@link #evictExpired} removes nothing.</li>
 * <li>Lost: in-progress waits. A repository does not tell "processed" from "being processed", so a
 *     duplicate that arrives while the first delivery is still being handled is dropped at once;
 *     should that first delivery then fail, its own redelivery is handled, the duplicate is gone.</li>
 * <li>Changed: a redelivery after a crash between confirm and acknowledgement is handled again
 *     (at least once), because a repository cannot say the claim was confirmed.</li>
 * <li>Stale-event positions ({@code ordering=skip|late}) are kept in this process only, as with
 *     {@code store=memory}: a Camel repository stores keys, not positions.</li>
 * </ul>
 */
public final class CamelRepositoryStore implements IdempotencyStore {

    private final IdempotentRepository repository;
    private final String prefix;
    /** Positions only: a Camel repository holds keys. */
    private final MemoryIdempotencyStore positions = new MemoryIdempotencyStore(IdempotencyStores.MEMORY_MAX_KEYS);

    /** Starts {@code repository} (a Camel service: a bean no EIP uses is not started by Camel); its owner stops it. */
    public CamelRepositoryStore(IdempotentRepository repository, String namespace) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.prefix = namespace + ":";
        ServiceHelper.startService(repository);
    }

    @Override
    public ClaimResult claim(String key, Instant now, Duration window) {
        return repository.add(prefix + key) ? ClaimResult.CLAIMED : ClaimResult.DUPLICATE;
    }

    @Override
    public ClaimResult reclaim(String key, Instant now, Duration window) {
        // the first delivery ended unacknowledged: whatever claim it left is dead (see the class comment)
        repository.remove(prefix + key);
        return claim(key, now, window);
    }

    @Override
    public void confirm(String key) {
        repository.confirm(prefix + key);
    }

    @Override
    public void release(String key) {
        repository.remove(prefix + key);
    }

    @Override
    public int evictExpired(Instant now, Duration window) {
        return 0; // the repository evicts by its own rules
    }

    @Override
    public AdvanceResult advance(String scope, long position) {
        return positions.advance(scope, position);
    }

    @Override
    public OptionalLong lastPosition(String scope) {
        return positions.lastPosition(scope);
    }
}
