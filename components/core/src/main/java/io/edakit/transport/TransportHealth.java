package io.edakit.transport;

/** Whether a transport can be used now, and why not. */
public record TransportHealth(boolean up, String detail) {

    public static TransportHealth up(String detail) {
        return new TransportHealth(true, detail);
    }

    public static TransportHealth down(String detail) {
        return new TransportHealth(false, detail);
    }
}
