package io.edakit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.edakit.transport.kafka.HandledOffsets.Range;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class HandledOffsetsTest {

    @Test
    void rangesTravelAsDistancesFromTheCommittedOffsetAndComeBackAsOffsets() {
        List<Range> handled = List.of(new Range(501, 503), new Range(507, 507), new Range(510, 900));
        HandledOffsets.Encoded encoded = HandledOffsets.encode(500, handled, HandledOffsets.MAX_CHARS);
        assertThat(encoded.metadata()).isEqualTo("edakit-handled:1:1-3,7,10-400");
        assertThat(encoded.ranges()).isEqualTo(handled);
        assertThat(HandledOffsets.decode(new OffsetAndMetadata(500, encoded.metadata()))).isEqualTo(handled);
    }

    @Test
    void whatDoesNotFitIsLeftOutFromTheEnd() {
        List<Range> handled = new ArrayList<>();
        for (long offset = 1; offset < 2_000; offset += 2) {
            handled.add(new Range(offset, offset));
        }
        HandledOffsets.Encoded encoded = HandledOffsets.encode(0, handled, 100);
        assertThat(encoded.metadata().length()).isLessThanOrEqualTo(100);
        assertThat(encoded.ranges()).isEqualTo(handled.subList(0, encoded.ranges().size()));
        assertThat(HandledOffsets.decode(new OffsetAndMetadata(0, encoded.metadata()))).isEqualTo(encoded.ranges());
        assertThat(HandledOffsets.encode(0, handled, 0).metadata()).as("metadata switched off").isEmpty();
    }

    @Test
    void metadataOfAnotherKindOrDamagedSkipsNothing() {
        assertThat(HandledOffsets.decode(null)).isEmpty();
        assertThat(HandledOffsets.decode(new OffsetAndMetadata(5))).isEmpty();
        assertThat(HandledOffsets.decode(new OffsetAndMetadata(5, "written by someone else"))).isEmpty();
        assertThat(HandledOffsets.decode(new OffsetAndMetadata(5, HandledOffsets.PREFIX + "3,1"))).isEmpty();
        assertThat(HandledOffsets.decode(new OffsetAndMetadata(5, HandledOffsets.PREFIX + "1-x"))).isEmpty();
        assertThat(HandledOffsets.decode(new OffsetAndMetadata(5, HandledOffsets.PREFIX + "4-2"))).isEmpty();
    }

    @Test
    void unionMergesOverlappingAndAdjacentRanges() {
        assertThat(HandledOffsets.union(List.of(new Range(1, 3), new Range(10, 12)),
                List.of(new Range(4, 5), new Range(11, 20), new Range(30, 30))))
                .containsExactly(new Range(1, 5), new Range(10, 20), new Range(30, 30));
        assertThat(HandledOffsets.contains(List.of(new Range(1, 5), new Range(10, 20)), 7)).isFalse();
        assertThat(HandledOffsets.contains(List.of(new Range(1, 5), new Range(10, 20)), 20)).isTrue();
    }
}
