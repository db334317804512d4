package io.edakit.transport.artemis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.reader.MapMessageUtil;
import org.apache.activemq.artemis.reader.StreamMessageUtil;
import org.apache.activemq.artemis.reader.TextMessageUtil;

/**
 * The payload of a core message as the bytes a handler expects, whatever kind of JMS message
 * wrote it. A core message's body buffer holds the JMS body in the encoding of its type, not the
 * payload itself: a {@code TextMessage} is a nullable {@link SimpleString} (a flag byte, a length,
 * then two bytes per character), which read as raw bytes gives {@code 01 00 00 00 0e 7b 00 22 ...}
 * for {@code {"n":4}}. So the body is decoded by type:
 *
 * <ul>
 *   <li>{@code TextMessage}: the text, as UTF-8;</li>
 *   <li>{@code BytesMessage}, and a core message of the default type: the bytes as written;</li>
 *   <li>{@code MapMessage}: a JSON object of its entries (keys sorted; byte arrays as base64 strings);</li>
 *   <li>{@code StreamMessage}: a JSON array of its values, in order;</li>
 *   <li>{@code ObjectMessage}: the Java serialization bytes of the object, which edakit never
 *       deserializes (that is the receiving application's decision to make).</li>
 * </ul>
 *
 * <p>What edakit itself sends is always a {@code BytesMessage} (see {@link ArtemisMessages}).
 */
final class CoreBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY = new byte[0];

    private CoreBodies() {
    }

    static byte[] read(Message core, ActiveMQBuffer body) {
        if (body.readableBytes() == 0) {
            return EMPTY;
        }
        return switch (core.getType()) {
            case Message.TEXT_TYPE -> text(body);
            case Message.MAP_TYPE -> json(map(body));
            case Message.STREAM_TYPE -> json(stream(body));
            case Message.OBJECT_TYPE -> serializedObject(body);
            default -> remaining(body);
        };
    }

    private static byte[] text(ActiveMQBuffer body) {
        SimpleString text = TextMessageUtil.readBodyText(body);
        return text == null ? EMPTY : text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> map(ActiveMQBuffer body) {
        Map<String, Object> entries = new TreeMap<>();
        MapMessageUtil.readBodyMap(body).forEach((name, value) -> entries.put(name.toString(), jsonValue(value)));
        return entries;
    }

    private static List<Object> stream(ActiveMQBuffer body) {
        List<Object> values = new ArrayList<>();
        while (body.readableBytes() > 0) {
            values.add(jsonValue(StreamMessageUtil.streamReadObject(body)));
        }
        return values;
    }

    /** An ObjectMessage body is the length of the serialized object, then its bytes. */
    private static byte[] serializedObject(ActiveMQBuffer body) {
        byte[] bytes = new byte[body.readInt()];
        body.readBytes(bytes);
        return bytes;
    }

    private static byte[] remaining(ActiveMQBuffer body) {
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        return bytes;
    }

    /** JMS map and stream values are numbers, booleans, strings, characters or byte arrays (base64 in JSON). */
    private static Object jsonValue(Object value) {
        return value instanceof SimpleString || value instanceof Character ? value.toString() : value;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // maps and lists of JSON scalars always serialize
            throw new IllegalStateException(e);
        }
    }
}
