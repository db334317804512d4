package io.edakit.samples.orderflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.Header;

/** The payment provider of the sample: authorizes payments and voids them when a saga compensates. */
public final class Payments {

    private final List<String> authorized = Collections.synchronizedList(new ArrayList<>());
    private final List<String> voided = Collections.synchronizedList(new ArrayList<>());

    public void authorize(@Header("orderId") String orderId) {
        authorized.add(orderId);
    }

    /** Idempotent: a compensation may be delivered more than once. */
    public void voidPayment(@Header("orderId") String orderId) {
        if (!voided.contains(orderId)) {
            voided.add(orderId);
        }
    }

    public List<String> authorized() {
        return List.copyOf(authorized);
    }

    public List<String> voided() {
        return List.copyOf(voided);
    }
}
