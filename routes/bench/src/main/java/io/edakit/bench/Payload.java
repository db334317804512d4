package io.edakit.bench;

import java.util.Random;

/** The payload every message of a run carries: printable bytes, the same for both sides. */
final class Payload {

    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Payload() {
    }

    static byte[] of(int size) {
        Random random = new Random(42);
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return payload;
    }
}
