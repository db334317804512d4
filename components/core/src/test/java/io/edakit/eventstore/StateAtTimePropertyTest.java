package io.edakit.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;

/**
 * For random streams (random patches, revisions, late event times, clock steps) and random times
 * and versions: the state a reader rebuilds from snapshots equals the full fold of the events up
 * to there, computed here from the raw events; also for a second fold (whose snapshots differ) and
 * with a chain of JSONata upcasters declared as text (revision 1 -> 2 -> 3) that change the data's
 * shape, which the oracle converts by hand.
 */
class StateAtTimePropertyTest {

    private static final long SEED = Long.getLong("edakit.property.seed", System.nanoTime());
    private static final String[] KEYS = {"a", "b", "c", "d"};

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        final AtomicLong millis = new AtomicLong(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void stateWithSnapshotsEqualsTheFullFold() throws Exception {
        Random random = new Random(SEED);
        TestClock clock = new TestClock();
        Path directory = Files.createTempDirectory("edakit-es-property");
        // declared as text, as the template's upcasters parameter takes them: revision 1 said
        // {"entry": {"k": key, "v": value}}, revision 2 {"k": key, "v": value}; revision 3 is the patch itself
        Upcasters upcasters = UpcasterDeclarations.parseAll("set@1=entry; set@2=$merge([{}, {k: v}])");
        Fold counting = new JsonataFold("$merge([$state ? $state : {}, {\"n\": ($state.n ? $state.n : 0) + 1, "
                + "\"last\": $event.version}])");
        try (JdbcEventStore store = JdbcEventStore.open("jdbc:h2:file:" + directory.resolve("p").toAbsolutePath(), "sa",
                "", 4, clock);
             StateReader merging = new StateReader(store, MergePatch.FOLD, upcasters, 1 + random.nextInt(6));
             StateReader other = new StateReader(store, counting, upcasters, 1 + random.nextInt(4))) {
            List<String> streams = new ArrayList<>();
            for (int s = 0; s < 6; s++) {
                streams.add("p-" + UUID.randomUUID());
            }
            for (int i = 0; i < 300; i++) {
                clock.millis.addAndGet(random.nextInt(10) == 0 ? -50 : random.nextInt(20)); // steps back now and then
                List<NewEvent> events = new ArrayList<>();
                for (int e = 0, n = 1 + random.nextInt(3); e < n; e++) {
                    events.add(randomEvent(random, clock));
                }
                store.append(streams.get(random.nextInt(streams.size())), ExpectedVersion.ANY, events);
            }
            merging.awaitSnapshots();
            other.awaitSnapshots();
            int fromSnapshots = 0;
            for (String stream : streams) {
                List<StoredEvent> all = store.readStream(stream, 1, 10_000);
                for (int probe = 0; probe < 30; probe++) {
                    StateQuery query = randomQuery(random, all);
                    fromSnapshots += merging.state(stream, query).snapshotVersion() > 0 ? 1 : 0;
                    assertThat(merging.state(stream, query).value().toString()).as("merge patch, seed " + SEED + ", " + query)
                            .isEqualTo(fullFold(all, query, MergePatch.FOLD).toString());
                    assertThat(other.state(stream, query).value().toString()).as("JSONata fold, seed " + SEED + ", " + query)
                            .isEqualTo(fullFold(all, query, counting).toString()); // JSON text: a snapshot's 36 reads back as an int, JSONata's as a long
                }
            }
            assertThat(fromSnapshots).as("states rebuilt from a snapshot").isPositive();
            assertThat(merging.foldKey()).isNotEqualTo(other.foldKey());
            assertThat(new StateReader(store, MergePatch.FOLD, Upcasters.NONE, 0).foldKey())
                    .as("upcasters are part of the key").isNotEqualTo(merging.foldKey());
        }
    }

    private static NewEvent randomEvent(Random random, TestClock clock) {
        String key = KEYS[random.nextInt(KEYS.length)];
        String value = random.nextInt(5) == 0 ? "null" : Integer.toString(random.nextInt(100));
        int revision = 1 + random.nextInt(3);
        String data = switch (revision) {
            case 1 -> "{\"entry\":{\"k\":\"" + key + "\",\"v\":" + value + "}}";
            case 2 -> "{\"k\":\"" + key + "\",\"v\":" + value + "}";
            default -> "{\"" + key + "\":" + value + "}";
        };
        // event times up to a second late or early, as producers' clocks and queues make them
        Instant time = Instant.ofEpochMilli(clock.millis.get() + random.nextInt(2_000) - 1_000);
        return new NewEvent(UUID.randomUUID().toString(), "set", revision, data.getBytes(StandardCharsets.UTF_8),
                Map.of(), time);
    }

    private static StateQuery randomQuery(Random random, List<StoredEvent> events) {
        StoredEvent some = events.get(random.nextInt(events.size()));
        return switch (random.nextInt(3)) {
            case 0 -> StateQuery.atVersion(random.nextInt(events.size() + 2));
            case 1 -> StateQuery.at(some.recordedAt().plusMillis(random.nextInt(3) - 1), StateQuery.TimeBasis.RECORDED);
            default -> StateQuery.at(some.eventTime().plusMillis(random.nextInt(3) - 1), StateQuery.TimeBasis.EVENT);
        };
    }

    /** What the declared upcasters should make of the data, written out here without them. */
    private static JsonNode latestShape(int revision, JsonNode data) {
        JsonNode pair = revision == 1 ? data.get("entry") : data;
        if (revision == 3) {
            return data;
        }
        com.fasterxml.jackson.databind.node.ObjectNode patch = JdbcEventStore.JSON.createObjectNode();
        patch.set(pair.get("k").asText(), pair.get("v"));
        return patch;
    }

    /** The oracle: every event from the first, filtered as the query says, upcast and folded. */
    private static JsonNode fullFold(List<StoredEvent> events, StateQuery query, Fold fold) throws Exception {
        JsonNode state = NullNode.getInstance();
        for (StoredEvent event : events) {
            if (query.version() != null && event.version() > query.version()) {
                break;
            }
            if (query.at() != null) {
                Instant time = query.basis() == StateQuery.TimeBasis.EVENT ? event.eventTime() : event.recordedAt();
                if (time.isAfter(query.at())) {
                    continue;
                }
            }
            JsonNode data = latestShape(event.revision(), JdbcEventStore.JSON.readTree(event.data()));
            state = fold.apply(state, data, event);
        }
        return state;
    }
}
