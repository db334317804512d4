package io.edakit.operator.dlq;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;

import io.edakit.deadletter.RedriveReport;
import io.edakit.envelope.Envelope;
import io.edakit.transport.ChannelAdmin.ChannelDepth;
import io.edakit.transport.ChannelMessage;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/** The JSON shapes of dead-letter operations, shared by the HTTP API and the command line. */
public final class DeadLetterJson {

    static final int PREVIEW_BYTES = 512;

    private DeadLetterJson() {
    }

    public static JsonArray channels(List<ChannelDepth> depths) {
        JsonArray array = new JsonArray();
        for (ChannelDepth depth : depths) {
            JsonObject entry = new JsonObject();
            entry.put("channel", depth.channel());
            entry.put("waiting", depth.waiting());
            array.add(entry);
        }
        return array;
    }

    public static JsonArray messages(List<ChannelMessage> messages) {
        JsonArray array = new JsonArray();
        for (ChannelMessage message : messages) {
            JsonObject entry = new JsonObject();
            entry.put("id", message.headers().get(Envelope.ID));
            entry.put("headers", new JsonObject(new TreeMap<>(message.headers())));
            entry.put("bodyBytes", message.body().length);
            putPreview(entry, message.body());
            array.add(entry);
        }
        return array;
    }

    public static JsonObject report(RedriveReport report) {
        JsonObject json = new JsonObject();
        json.put("offered", report.offered());
        json.put("moved", report.moved());
        json.put("notSelected", report.notSelected());
        json.put("atRedriveLimit", report.atRedriveLimit());
        json.put("withoutTarget", report.withoutTarget());
        json.put("notReached", report.notReached());
        json.put("dryRun", report.dryRun());
        return json;
    }

    /** Text bodies as text (cut to a preview), anything else as base64. */
    private static void putPreview(JsonObject entry, byte[] body) {
        int length = Math.min(body.length, PREVIEW_BYTES);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, 0, length)).toString();
            entry.put("body", text);
        } catch (CharacterCodingException binary) {
            entry.put("bodyBase64", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(body, length)));
        }
        entry.put("bodyTruncated", body.length > PREVIEW_BYTES);
    }
}
