package io.edakit.samples.orderflow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The stock the responder answers from: a few items, some of them scarce. */
public final class Inventory {

    private final Map<String, AtomicInteger> stock = new ConcurrentHashMap<>(Map.of(
            "book", new AtomicInteger(1_000),
            "ebook", new AtomicInteger(Integer.MAX_VALUE),
            "lamp", new AtomicInteger(5)));

    /** Reserves one unit of {@code item}; answers {@code reserved} or {@code out-of-stock}. */
    public String reserve(String item) {
        AtomicInteger units = stock.get(item);
        if (units == null) {
            return "out-of-stock";
        }
        return units.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? "reserved" : "out-of-stock";
    }
}
