package io.edakit.routes.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edakit.eventstore.Fold;
import io.edakit.eventstore.StoredEvent;

/** A fold bean ({@code camel.beans.orderTotals=#class:...}): an order's lines and total amount. */
public final class OrderTotalsFold implements Fold {

    @Override
    public String identity() {
        return "order-totals-v1";
    }

    @Override
    public JsonNode apply(JsonNode state, JsonNode data, StoredEvent event) {
        ObjectNode next = state.isObject() ? ((ObjectNode) state).deepCopy() : JsonNodeFactory.instance.objectNode();
        next.put("lines", next.path("lines").asInt() + 1);
        next.put("total", next.path("total").asInt() + data.path("amount").asInt());
        return next;
    }
}
