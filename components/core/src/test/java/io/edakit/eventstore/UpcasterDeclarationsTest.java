package io.edakit.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Upcasters declared as TYPE@REVISION=JSONata text: split, chained, and refused with what was expected. */
class UpcasterDeclarationsTest {

    @Test
    void entriesSplitOutsideTheExpressionsBracketsAndStrings() {
        assertThat(UpcasterDeclarations.entries(" #a, #b ;order.placed@1={\"x\": [1, 2], \"y\": 'a;b'};; "
                + "order.placed@2=( $c := 1; $merge([$, {\"c\": $c}]) )"))
                .containsExactly("#a", "#b", "order.placed@1={\"x\": [1, 2], \"y\": 'a;b'}",
                        "order.placed@2=( $c := 1; $merge([$, {\"c\": $c}]) )");
        assertThat(UpcasterDeclarations.isDeclaration("#a")).isFalse();
        assertThat(UpcasterDeclarations.isDeclaration("order.placed@1=x")).isTrue();
    }

    @Test
    void aChainConvertsRevisionOneThroughTwoToThree() throws Exception {
        Upcasters upcasters = UpcasterDeclarations.parseAll(
                "order.placed@2={\"total\": total, \"currency\": \"EUR\"}; order.placed@1={\"total\": cents / 100}");
        JsonNode one = JdbcEventStore.JSON.readTree("{\"cents\": 1250}");
        assertThat(upcasters.upcast("order.placed", 1, one).toString()).isEqualTo("{\"total\":12.5,\"currency\":\"EUR\"}");
        assertThat(upcasters.upcast("order.placed", 2, JdbcEventStore.JSON.readTree("{\"total\": 3}")).toString())
                .isEqualTo("{\"total\":3,\"currency\":\"EUR\"}");
        assertThat(upcasters.upcast("order.placed", 3, one)).isSameAs(one);
        assertThat(upcasters.upcast("other", 1, one)).isSameAs(one);
    }

    @Test
    void aBadExpressionAGapADuplicateAndABadEntryAreRefusedSayingWhatWasExpected() {
        assertThatThrownBy(() -> UpcasterDeclarations.parseAll("order.placed@1={\"total\": cents /}"))
                .hasMessageStartingWith("upcaster order.placed@1: JSONata '{\"total\": cents /}' does not parse: ");
        assertThatThrownBy(() -> UpcasterDeclarations.parseAll("t@1=a; t@3=b"))
                .hasMessage("no upcaster for t revision 2 (there are for revisions [1, 3]); expected one for every "
                        + "revision from 1 to 3, each converting to the next");
        assertThatThrownBy(() -> UpcasterDeclarations.parseAll("t@1=a; t@1=b"))
                .hasMessage("two upcasters for t revision 1");
        assertThatThrownBy(() -> UpcasterDeclarations.parseAll("t=a"))
                .hasMessage("'t=a': expected " + UpcasterDeclarations.SHAPE);
        assertThatThrownBy(() -> UpcasterDeclarations.parseAll("t@0=a"))
                .hasMessageContaining("a revision of 1 or more");
    }

    @Test
    void anUpcasterFailingWhenReadNamesItselfAndItsExpression() throws Exception {
        Upcasters upcasters = UpcasterDeclarations.parseAll("order.placed@1={\"total\": $number(cents)}");
        JsonNode text = JdbcEventStore.JSON.readTree("{\"cents\": \"twelve\"}");
        assertThatThrownBy(() -> upcasters.upcast("order.placed", 1, text))
                .hasMessageStartingWith("upcaster order.placed@1 (JSONata '{\"total\": $number(cents)}') failed: ");
    }

    @Test
    void anUpcasterAnsweringNothingFailsTheReadNamingItself() throws Exception {
        Upcasters upcasters = UpcasterDeclarations.parseAll("order.placed@1=amount; order.paid@1=null; order.sent@1={}");
        JsonNode old = JdbcEventStore.JSON.readTree("{\"cents\": 1200}");
        assertThatThrownBy(() -> upcasters.upcast("order.placed", 1, old))
                .hasMessage("upcaster order.placed@1 (JSONata 'amount') answered nothing (undefined or null) for an "
                        + "event's data: it must answer revision 2's data");
        assertThatThrownBy(() -> upcasters.upcast("order.paid", 1, old)).hasMessageContaining("answered nothing");
        assertThat(upcasters.upcast("order.sent", 1, old).isEmpty()).as("an empty object is data").isTrue();
    }
}
