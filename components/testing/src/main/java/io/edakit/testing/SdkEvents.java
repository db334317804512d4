package io.edakit.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/** CloudEvents built with the CloudEvents Java SDK, as an outside producer writes them. */
public final class SdkEvents {

    /** The time of {@link #orderCreated}, with a fraction of a second. */
    public static final OffsetDateTime TIME = OffsetDateTime.of(2026, 3, 1, 12, 30, 15, 250_000_000, ZoneOffset.UTC);
    public static final String DATA = "{\"orderId\":7}";

    private SdkEvents() {
    }

    /** An event with every attribute set: the optional ones, an extension ({@code tenant=acme}) and JSON data. */
    public static CloudEvent orderCreated(String id) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/shop/eu")).withType("order.created")
                .withTime(TIME).withSubject("order-7").withDataContentType("application/json")
                .withDataSchema(URI.create("https://example.com/order.json")).withExtension("tenant", "acme")
                .withData(DATA.getBytes(StandardCharsets.UTF_8)).build();
    }
}
