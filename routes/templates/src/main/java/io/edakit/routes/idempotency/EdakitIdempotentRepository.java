package io.edakit.routes.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.edakit.config.Durations;
import io.edakit.idempotency.ClaimResult;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.transport.ChannelAddress;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * edakit's windowed idempotency store (memory, JDBC or Kafka, as {@code edakit.idempotency.store}
 * says) as a Camel {@link IdempotentRepository}, for Camel's own {@code .idempotentConsumer()}:
 *
 * <pre>{@code
 * from("channel:orders").idempotentConsumer(header("ce_id"), EdakitIdempotentRepository.of(context, "orders", "1h"))
 * }</pre>
 *
 * <p>What Camel's EIP gets: keys remembered for the window (then new again, evicted regularly),
 * atomic claims shared by every process on the same JDBC or Kafka store, {@code remove} on failure
 * releasing the key. A delivery of a key another delivery is still handling waits for it (confirmed:
 * duplicate; released or its holder gone: claimed), as in the idempotent-consumer template. What it
 * does not get from Camel's EIP: the template's takeover of a dead claim by a redelivery (the EIP
 * does not pass the delivery count), and its stale-event guard.
 *
 * <p>Only the eager mode (Camel's default, {@code add} before processing) is supported:
 * {@link #contains} would be a check-then-insert race, which the store is built to avoid.
 */
public final class EdakitIdempotentRepository extends ServiceSupport implements IdempotentRepository, CamelContextAware {

    private CamelContext camelContext;
    private String channel;
    private String group = "";
    private Duration window = Duration.ofHours(1);
    private IdempotencyStore store;
    private boolean ownsStore;
    private final Clock clock = Clock.systemUTC();
    private final InProgressWait inProgress = new InProgressWait(InProgressWait.LONGEST_WAIT);

    /** For Camel's bean binding (Kamelets, {@code camel.beans.*}): set channel, group, window. */
    public EdakitIdempotentRepository() {
    }

    /** Over a store the caller opened and closes. */
    public EdakitIdempotentRepository(IdempotencyStore store, Duration window) {
        this.store = Objects.requireNonNull(store, "store");
        this.window = Objects.requireNonNull(window, "window");
    }

    /**
     * The store {@code edakit.idempotency.*} configures for the namespace of {@code channel}
     * (shared with an idempotent-consumer template instance on the same channel).
     */
    public static EdakitIdempotentRepository of(CamelContext context, String channel, String window) {
        EdakitIdempotentRepository repository = new EdakitIdempotentRepository();
        repository.setCamelContext(context);
        repository.setChannel(channel);
        repository.setWindow(window);
        return repository;
    }

    @Override
    protected void doStart() {
        if (store == null) {
            if (camelContext == null || channel == null || channel.isBlank()) {
                throw new IllegalStateException("EdakitIdempotentRepository needs a Camel context and a channel");
            }
            String namespace = new ChannelAddress(channel, group.isBlank() ? null : group).consumerGroupName();
            store = IdempotencyStores.forNamespace(camelContext, namespace, window);
            ownsStore = true;
            IdempotencySupport.scheduleEviction(camelContext, store, namespace, window);
        }
    }

    @Override
    protected void doStop() {
        if (ownsStore && store != null) {
            store.close();
            store = null;
        }
    }

    @Override
    public boolean add(String key) {
        ClaimResult claim = inProgress.await(() -> store.claim(key, clock.instant(), window),
                () -> camelContext != null && camelContext.isStopping());
        if (claim == ClaimResult.IN_PROGRESS) {
            // neither new nor a known duplicate: fail the exchange so the transport delivers it again
            throw new IllegalStateException("key " + key + " is still being handled by another delivery");
        }
        return claim == ClaimResult.CLAIMED;
    }

    /** Not supported: Camel's non-eager mode checks, then adds, which two deliveries can race. */
    @Override
    public boolean contains(String key) {
        throw new UnsupportedOperationException("EdakitIdempotentRepository supports the eager mode only "
                + "(idempotentConsumer(...).eager(true), Camel's default)");
    }

    @Override
    public boolean remove(String key) {
        store.release(key);
        return true;
    }

    @Override
    public boolean confirm(String key) {
        store.confirm(key);
        return true;
    }

    /** Forgets every key (the window is zero for once). */
    @Override
    public void clear() {
        store.evictExpired(clock.instant().plusSeconds(1), Duration.ZERO);
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public void setGroup(String group) {
        this.group = group == null ? "" : group;
    }

    /** {@code 1h}, {@code 7d}, {@code 30s}: as the template's {@code window} parameter. */
    public void setWindow(String window) {
        this.window = Durations.parse(window);
    }
}
