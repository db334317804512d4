package io.edakit.workflow.path;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * ASL intrinsic functions ({@code States.Format('{} items', $.n)} and the rest), parsed once into a
 * small tree and evaluated against the input. Arguments are string literals in single quotes (with
 * {@code \'}, {@code \\}, {@code \{}, {@code \}} escapes), numbers, {@code true}/{@code false}/{@code null},
 * Paths, and nested calls. Failures are States.IntrinsicFailure.
 */
public final class Intrinsics {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String FAILURE = "States.IntrinsicFailure";

    /** Names and argument counts (min, max; -1 = any). */
    private static final Map<String, int[]> FUNCTIONS = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, -1}), Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}), Map.entry("States.Array", new int[] {0, -1}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}), Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}), Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}), Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}), Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}), Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathRandom", new int[] {2, 3}), Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}), Map.entry("States.UUID", new int[] {0, 0}));

    private Intrinsics() {
    }

    /** True when a {@code .$} value is an intrinsic call rather than a Path. */
    public static boolean isCall(String text) {
        return text.startsWith("States.");
    }

    /** A parsed expression: evaluate it against an input. */
    public sealed interface Expression {
        JsonNode evaluate(JsonNode input, Scope scope);
    }

    private record Literal(JsonNode value) implements Expression {
        public JsonNode evaluate(JsonNode input, Scope scope) {
            return value;
        }
    }

    private record PathArgument(String path) implements Expression {
        public JsonNode evaluate(JsonNode input, Scope scope) {
            return JsonPaths.read(path, input, scope, FAILURE);
        }
    }

    private record Call(String name, List<Expression> arguments) implements Expression {
        public JsonNode evaluate(JsonNode input, Scope scope) {
            List<JsonNode> values = new ArrayList<>(arguments.size());
            for (Expression argument : arguments) {
                values.add(argument.evaluate(input, scope));
            }
            try {
                return apply(name, values, scope);
            } catch (PathFailure e) {
                throw e;
            } catch (RuntimeException e) {
                throw new PathFailure(FAILURE, name + ": " + e.getMessage());
            }
        }
    }

    private static final Map<String, Expression> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Parses an intrinsic call (once per text); IllegalArgumentException saying why when it is malformed. */
    public static Expression parse(String text) {
        Expression parsed = PARSED.get(text);
        if (parsed == null) {
            parsed = parseOnce(text);
            PARSED.put(text, parsed);
        }
        return parsed;
    }

    private static Expression parseOnce(String text) {
        Parser parser = new Parser(text);
        Expression expression = parser.call();
        parser.skipSpaces();
        if (parser.position != text.length()) {
            throw new IllegalArgumentException("unexpected text after the call at " + parser.position + " in " + text);
        }
        return expression;
    }

    private static final class Parser {
        final String text;
        int position;

        Parser(String text) {
            this.text = text;
        }

        void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        Call call() {
            skipSpaces();
            int open = text.indexOf('(', position);
            if (open < 0) {
                throw new IllegalArgumentException("missing ( in " + text);
            }
            String name = text.substring(position, open).strip();
            int[] arity = FUNCTIONS.get(name);
            if (arity == null) {
                throw new IllegalArgumentException("unknown intrinsic function " + name);
            }
            position = open + 1;
            List<Expression> arguments = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                position++;
            } else {
                while (true) {
                    arguments.add(argument());
                    skipSpaces();
                    char c = peek();
                    position++;
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("expected , or ) at " + (position - 1) + " in " + text);
                    }
                }
            }
            if (arguments.size() < arity[0] || arity[1] >= 0 && arguments.size() > arity[1]) {
                throw new IllegalArgumentException(name + " takes " + (arity[0] == arity[1] ? "" + arity[0]
                        : arity[1] < 0 ? "at least " + arity[0] : arity[0] + " to " + arity[1]) + " arguments, got "
                        + arguments.size());
            }
            return new Call(name, arguments);
        }

        char peek() {
            if (position >= text.length()) {
                throw new IllegalArgumentException("unexpected end of " + text);
            }
            return text.charAt(position);
        }

        Expression argument() {
            skipSpaces();
            char c = peek();
            if (c == '\'') {
                return new Literal(TextNode.valueOf(string()));
            }
            if (c == '$') {
                return new PathArgument(path());
            }
            if (text.startsWith("States.", position)) {
                return call();
            }
            int start = position;
            while (position < text.length() && ",) ".indexOf(text.charAt(position)) < 0) {
                position++;
            }
            String token = text.substring(start, position);
            return switch (token) {
                case "true" -> new Literal(BooleanNode.TRUE);
                case "false" -> new Literal(BooleanNode.FALSE);
                case "null" -> new Literal(NullNode.getInstance());
                default -> {
                    try {
                        yield new Literal(numberOf(new BigDecimal(token)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("unexpected argument '" + token + "' in " + text);
                    }
                }
            };
        }

        String string() {
            StringBuilder value = new StringBuilder();
            position++;
            while (true) {
                char c = peek();
                position++;
                if (c == '\\') {
                    char escaped = peek();
                    position++;
                    // \{ and \} stay escaped: States.Format needs to tell them from placeholders
                    value.append(escaped == '{' || escaped == '}' ? "\\" + escaped : String.valueOf(escaped));
                } else if (c == '\'') {
                    return value.toString();
                } else {
                    value.append(c);
                }
            }
        }

        String path() {
            int start = position;
            int depth = 0;
            char quote = 0;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || (c == ')' && depth > 0)) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')')) {
                    break;
                }
                position++;
            }
            String path = text.substring(start, position).strip();
            String error = JsonPaths.syntaxError(path);
            if (error != null) {
                throw new IllegalArgumentException(error);
            }
            return path;
        }
    }

    static JsonNode numberOf(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            long l = stripped.longValueExact();
            return l == (int) l ? IntNode.valueOf((int) l) : JSON.numberNode(l);
        }
        return JSON.numberNode(value.doubleValue());
    }

    private static JsonNode apply(String name, List<JsonNode> args, Scope scope) {
        switch (name) {
            case "States.Format":
                return TextNode.valueOf(format(text(args.get(0), "the template"), args.subList(1, args.size())));
            case "States.StringToJson":
                try {
                    return JsonPaths.MAPPER.readTree(text(args.get(0), "the argument"));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
                }
            case "States.JsonToString":
                return TextNode.valueOf(args.get(0).toString());
            case "States.Array": {
                ArrayNode array = JSON.arrayNode();
                args.forEach(array::add);
                return array;
            }
            case "States.ArrayPartition": {
                ArrayNode array = array(args.get(0));
                int size = integer(args.get(1), "the chunk size");
                if (size <= 0) {
                    throw new IllegalArgumentException("the chunk size must be positive, got " + size);
                }
                ArrayNode chunks = JSON.arrayNode();
                ArrayNode chunk = null;
                for (int i = 0; i < array.size(); i++) {
                    if (i % size == 0) {
                        chunk = chunks.addArray();
                    }
                    chunk.add(array.get(i));
                }
                return chunks;
            }
            case "States.ArrayContains": {
                for (JsonNode item : array(args.get(0))) {
                    if (item.equals(args.get(1))) {
                        return BooleanNode.TRUE;
                    }
                }
                return BooleanNode.FALSE;
            }
            case "States.ArrayRange": {
                int start = integer(args.get(0), "the start");
                int end = integer(args.get(1), "the end");
                int step = integer(args.get(2), "the step");
                if (step == 0) {
                    throw new IllegalArgumentException("the step must not be 0");
                }
                ArrayNode range = JSON.arrayNode();
                for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
                    if (range.size() >= 1000) {
                        throw new IllegalArgumentException("a range has at most 1000 items");
                    }
                    range.add((int) i);
                }
                return range;
            }
            case "States.ArrayGetItem": {
                ArrayNode array = array(args.get(0));
                int index = integer(args.get(1), "the index");
                if (index < 0 || index >= array.size()) {
                    throw new IllegalArgumentException("index " + index + " outside an array of " + array.size());
                }
                return array.get(index);
            }
            case "States.ArrayLength":
                return IntNode.valueOf(array(args.get(0)).size());
            case "States.ArrayUnique": {
                Set<JsonNode> seen = new LinkedHashSet<>();
                array(args.get(0)).forEach(seen::add);
                ArrayNode unique = JSON.arrayNode();
                seen.forEach(unique::add);
                return unique;
            }
            case "States.Base64Encode":
                return TextNode.valueOf(Base64.getEncoder().encodeToString(
                        text(args.get(0), "the argument").getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode":
                return TextNode.valueOf(new String(Base64.getDecoder().decode(text(args.get(0), "the argument")),
                        StandardCharsets.UTF_8));
            case "States.Hash":
                return TextNode.valueOf(hash(args.get(0), text(args.get(1), "the algorithm")));
            case "States.JsonMerge": {
                if (args.get(2).asBoolean(true) || !args.get(2).isBoolean()) {
                    throw new IllegalArgumentException("only the shallow merge (false) is defined");
                }
                if (!args.get(0).isObject() || !args.get(1).isObject()) {
                    throw new IllegalArgumentException("both arguments must be objects");
                }
                ObjectNode merged = ((ObjectNode) args.get(0)).deepCopy();
                merged.setAll((ObjectNode) args.get(1).deepCopy());
                return merged;
            }
            case "States.MathRandom": {
                int start = integer(args.get(0), "the start");
                int end = integer(args.get(1), "the end");
                if (end <= start) {
                    throw new IllegalArgumentException("the end must be greater than the start");
                }
                long random = args.size() == 3 ? new java.util.SplittableRandom(integer(args.get(2), "the seed")).nextLong()
                        : scope.nextRandom();
                return IntNode.valueOf(start + (int) Math.floorMod(random, (long) end - start));
            }
            case "States.MathAdd": {
                long sum = (long) integer(args.get(0), "the first number") + integer(args.get(1), "the second number");
                return numberOf(BigDecimal.valueOf(sum));
            }
            case "States.StringSplit": {
                String text = text(args.get(0), "the string");
                String delimiters = text(args.get(1), "the delimiter");
                ArrayNode parts = JSON.arrayNode();
                StringBuilder part = new StringBuilder();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (delimiters.indexOf(c) >= 0) {
                        if (part.length() > 0) {
                            parts.add(part.toString());
                        }
                        part.setLength(0);
                    } else {
                        part.append(c);
                    }
                }
                if (part.length() > 0) {
                    parts.add(part.toString());
                }
                return parts;
            }
            case "States.UUID": {
                long high = scope.nextRandom();
                long low = scope.nextRandom();
                // version 4, IETF variant, from the execution's deterministic sequence
                high = (high & ~0xF000L) | 0x4000L;
                low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                return TextNode.valueOf(new UUID(high, low).toString());
            }
            default:
                throw new IllegalStateException(name);
        }
    }

    private static String format(String template, List<JsonNode> values) {
        StringBuilder out = new StringBuilder();
        Iterator<JsonNode> next = values.iterator();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (!next.hasNext()) {
                    throw new IllegalArgumentException("more {} placeholders than arguments");
                }
                JsonNode value = next.next();
                out.append(value.isTextual() ? value.textValue() : value.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (next.hasNext()) {
            throw new IllegalArgumentException("more arguments than {} placeholders");
        }
        return out.toString();
    }

    private static String hash(JsonNode data, String algorithm) {
        String javaName = switch (algorithm) {
            case "MD5" -> "MD5";
            case "SHA-1" -> "SHA-1";
            case "SHA-256" -> "SHA-256";
            case "SHA-384" -> "SHA-384";
            case "SHA-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unknown algorithm " + algorithm
                    + " (MD5, SHA-1, SHA-256, SHA-384, SHA-512)");
        };
        String text = data.isTextual() ? data.textValue() : data.toString();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(javaName).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String what) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(what + " must be a string, got " + node);
        }
        return node.textValue();
    }

    private static ArrayNode array(JsonNode node) {
        if (!(node instanceof ArrayNode array)) {
            throw new IllegalArgumentException("expected an array, got " + node);
        }
        return array;
    }

    private static int integer(JsonNode node, String what) {
        if (!node.isNumber() || !node.canConvertToInt() || node.doubleValue() != Math.rint(node.doubleValue())) {
            throw new IllegalArgumentException(what + " must be an integer, got " + node);
        }
        return node.intValue();
    }
}
