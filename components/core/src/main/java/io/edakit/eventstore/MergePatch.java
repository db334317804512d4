package io.edakit.eventstore;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch, RFC 7386: a patch that is an object merges into the target member by member
 * ({@code null} removes a member, an object merges recursively, anything else replaces); a patch
 * that is not an object replaces the target.
 */
public final class MergePatch implements Fold {

    public static final MergePatch FOLD = new MergePatch();

    private MergePatch() {
    }

    /** {@code patch} applied to {@code target}; neither is changed. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    @Override
    public String identity() {
        return "merge-patch";
    }

    @Override
    public JsonNode apply(JsonNode state, JsonNode data, StoredEvent event) {
        return apply(state, data);
    }
}
