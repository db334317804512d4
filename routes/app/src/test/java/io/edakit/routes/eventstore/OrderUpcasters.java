package io.edakit.routes.eventstore;

import java.util.AbstractList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edakit.eventstore.Upcaster;

/**
 * An upcaster list bean ({@code camel.beans.orderUpcasters=#class:...}): revision 1 of
 * {@code line.added} gave the amount in cents, revision 2 gives whole units.
 */
public final class OrderUpcasters extends AbstractList<Upcaster> {

    private final List<Upcaster> upcasters = List.of(new Upcaster("line.added", 1, "cents-to-units",
            data -> JsonNodeFactory.instance.objectNode().put("amount", data.path("cents").asInt() / 100)));

    @Override
    public Upcaster get(int index) {
        return upcasters.get(index);
    }

    @Override
    public int size() {
        return upcasters.size();
    }
}
