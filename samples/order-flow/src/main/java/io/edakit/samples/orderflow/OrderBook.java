package io.edakit.samples.orderflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.Header;

/** What became of each order: fulfilled or back-ordered. */
public final class OrderBook {

    private final List<String> fulfilled = Collections.synchronizedList(new ArrayList<>());
    private final List<String> backordered = Collections.synchronizedList(new ArrayList<>());

    public void fulfilled(@Header("orderId") String orderId) {
        fulfilled.add(orderId);
    }

    public void backordered(@Header("orderId") String orderId) {
        backordered.add(orderId);
    }

    public List<String> fulfilled() {
        return List.copyOf(fulfilled);
    }

    public List<String> backordered() {
        return List.copyOf(backordered);
    }
}
