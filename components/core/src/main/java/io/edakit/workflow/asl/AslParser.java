package io.edakit.workflow.asl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import io.edakit.workflow.asl.ChoiceRule.Comparison;
import io.edakit.workflow.asl.ChoiceRule.Condition;
import io.edakit.workflow.jsonata.JsonataTemplates;
import io.edakit.workflow.path.Intrinsics;
import io.edakit.workflow.path.JsonPaths;
import io.edakit.workflow.path.PayloadTemplate;
import io.edakit.workflow.path.ReferencePath;

/**
 * Reads an Amazon States Language definition, JSON or YAML, into a {@link StateMachine}, then runs
 * {@link AslValidator}: either a machine that runs as written, or a {@link DefinitionException}
 * listing every problem (file, state, JSON pointer, what is wrong). Duplicate keys are refused.
 */
public final class AslParser {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TYPES = Set.of("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

    private final Fields.Problems problems;

    private AslParser(String file) {
        this.problems = new Fields.Problems(file);
    }

    public static StateMachine parse(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file));
    }

    /** Parses {@code text}; {@code file} names it in problems. */
    public static StateMachine parse(String file, String text) {
        return parse(file, read(file, text));
    }

    public static StateMachine parse(String file, JsonNode document) {
        AslParser parser = new AslParser(file);
        StateMachine machine = parser.machine(document, "", QueryLanguage.JSONPATH, true);
        if (parser.problems.list.isEmpty()) {
            parser.problems.list.addAll(AslValidator.validate(machine));
        }
        if (!parser.problems.list.isEmpty()) {
            throw new DefinitionException(parser.problems.list);
        }
        return machine;
    }

    /** The document as a JSON tree: JSON when it starts with '{', else YAML. */
    public static JsonNode read(String file, String text) {
        try {
            if (text.strip().startsWith("{")) {
                return JSON.readTree(text);
            }
            Object yaml = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(text);
            return JSON.valueToTree(yaml);
        } catch (JsonProcessingException e) {
            throw new DefinitionException(List.of(new Problem(file, null, "",
                    "not JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")")));
        } catch (YamlEngineException | IllegalArgumentException e) {
            throw new DefinitionException(List.of(new Problem(file, null, "", "not YAML: "
                    + e.getMessage().strip().replaceAll("\\s*\\R\\s*", " "))));
        }
    }

    private StateMachine machine(JsonNode node, String pointer, QueryLanguage inherited, boolean top) {
        Fields fields = new Fields(node, pointer, null, problems);
        if (!fields.valid()) {
            return new StateMachine(problems.file, pointer, null, Map.of(), null, null, inherited);
        }
        fields.string("Comment");
        QueryLanguage language = inherited;
        String languageText = fields.string("QueryLanguage");
        if (languageText != null) {
            language = QueryLanguage.of(languageText);
            if (language == null) {
                fields.problem(fields.at("QueryLanguage"), "QueryLanguage is JSONPath or JSONata, got " + languageText);
                language = inherited;
            }
        }
        Integer timeout = null;
        if (top) {
            fields.string("Version");
            timeout = fields.integer("TimeoutSeconds", 1);
        }
        String startAt = fields.requiredString("StartAt");
        Map<String, State> states = new LinkedHashMap<>();
        JsonNode statesNode = fields.node("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            fields.problem(fields.at("States"), "States must be an object with at least one state");
        } else {
            for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) statesNode::fields) {
                State state = state(entry.getKey(), entry.getValue(), Fields.child(fields.at("States"), entry.getKey()), language);
                if (state != null) {
                    states.put(entry.getKey(), state);
                }
            }
        }
        fields.finish(language);
        return new StateMachine(problems.file, pointer, startAt, states,
                node.path("Comment").isTextual() ? node.get("Comment").textValue() : null, timeout, language);
    }

    private State state(String name, JsonNode node, String pointer, QueryLanguage inherited) {
        Fields f = new Fields(node, pointer, name, problems);
        if (!f.valid()) {
            return null;
        }
        if (name.length() > 80) {
            f.problem(pointer, "a state name has at most 80 characters");
        }
        String type = f.requiredString("Type");
        if (type == null) {
            return null;
        }
        if (!TYPES.contains(type)) {
            f.problem(f.at("Type"), "unknown state type " + type + " (Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map)");
            return null;
        }
        f.string("Comment");
        QueryLanguage language = inherited;
        String languageText = f.string("QueryLanguage");
        if (languageText != null) {
            language = QueryLanguage.of(languageText);
            if (language == null) {
                f.problem(f.at("QueryLanguage"), "QueryLanguage is JSONPath or JSONata, got " + languageText);
                language = inherited;
            } else if (language == QueryLanguage.JSONPATH && inherited == QueryLanguage.JSONATA) {
                f.problem(f.at("QueryLanguage"), "a state cannot use JSONPath when its state machine uses JSONata");
            }
        }
        boolean jsonata = language == QueryLanguage.JSONATA;
        boolean flows = !Set.of("Choice", "Succeed", "Fail").contains(type);
        String next = null;
        boolean end = false;
        if (flows) {
            next = f.string("Next");
            Boolean endValue = f.bool("End");
            end = Boolean.TRUE.equals(endValue);
            if (next == null && !end) {
                f.problem(pointer, "a " + type + " state needs Next or \"End\": true");
            } else if (next != null && end) {
                f.problem(f.at("End"), "a state has Next or End, not both");
            }
        }
        if (!flows) {
            for (String field : List.of("Next", "End")) {
                if (f.has(field)) {
                    f.node(field);
                    f.problem(f.at(field), "a " + type + " state has no " + field
                            + ("Choice".equals(type) ? ": its Choices and Default name the next state" : ": it ends its scope"));
                }
            }
        }
        boolean io = !"Fail".equals(type);
        boolean result = Set.of("Task", "Parallel", "Map", "Pass").contains(type);
        boolean errors = Set.of("Task", "Parallel", "Map").contains(type);
        String inputPath = "$";
        String outputPath = "$";
        String resultPath = "$";
        JsonNode parameters = null;
        JsonNode resultSelector = null;
        JsonNode arguments = null;
        JsonNode output = null;
        if (!jsonata && io) {
            inputPath = checkedPath(f, "InputPath", true);
            outputPath = checkedPath(f, "OutputPath", true);
            if (result) {
                resultPath = referencePath(f, "ResultPath");
                if (!"Map".equals(type)) {
                    parameters = template(f, "Parameters");
                }
            }
            if (errors) {
                resultSelector = template(f, "ResultSelector");
            }
        }
        if (jsonata) {
            if ("Task".equals(type) || "Parallel".equals(type)) {
                arguments = jsonataField(f, "Arguments");
            }
            if (io) {
                output = jsonataField(f, "Output");
            }
        }
        JsonNode assign = "Fail".equals(type) || "Succeed".equals(type) ? null : assign(f, "Assign", jsonata);
        List<Retrier> retry = errors ? retriers(f) : List.of();
        List<Catcher> catchers = errors ? catchers(f, jsonata) : List.of();
        StateCommon common = new StateCommon(name, pointer, type, language, next, end, inputPath, outputPath, resultPath,
                parameters, resultSelector, arguments, output, assign, retry, catchers);
        State state = switch (type) {
            case "Task" -> task(f, common, jsonata);
            case "Pass" -> new State.Pass(common, jsonata ? null : f.node("Result"));
            case "Choice" -> choice(f, common, jsonata);
            case "Wait" -> waitState(f, common, jsonata);
            case "Succeed" -> new State.Succeed(common);
            case "Fail" -> fail(f, common, jsonata);
            case "Parallel" -> parallel(f, common, language);
            case "Map" -> map(f, common, language, jsonata);
            default -> throw new IllegalStateException(type);
        };
        f.finish(language);
        return state;
    }

    private State.Task task(Fields f, StateCommon common, boolean jsonata) {
        String resource = f.requiredString("Resource");
        JsonNode timeout = seconds(f, "TimeoutSeconds", jsonata);
        String timeoutPath = secondsPath(f, "TimeoutSecondsPath", timeout, jsonata);
        JsonNode heartbeat = seconds(f, "HeartbeatSeconds", jsonata);
        String heartbeatPath = secondsPath(f, "HeartbeatSecondsPath", heartbeat, jsonata);
        State.Task task = new State.Task(common, resource, timeout, timeoutPath, heartbeat, heartbeatPath);
        if ((heartbeat != null || heartbeatPath != null) && !task.callback()) {
            f.problem(f.at(heartbeat != null ? "HeartbeatSeconds" : "HeartbeatSecondsPath"), "only a callback task "
                    + "(Resource ending in " + State.Task.CALLBACK_SUFFIX + ") receives heartbeats");
        }
        if (heartbeat != null && heartbeat.isIntegralNumber() && timeout != null && timeout.isIntegralNumber()
                && heartbeat.longValue() >= timeout.longValue()) {
            f.problem(f.at("HeartbeatSeconds"), "HeartbeatSeconds must be smaller than TimeoutSeconds (" + timeout + ")");
        }
        if (task.callback() && task.endpoint().isEmpty()) {
            f.problem(f.at("Resource"), "a callback task names where its request goes before " + State.Task.CALLBACK_SUFFIX);
        }
        return task;
    }

    /** TimeoutSeconds or HeartbeatSeconds: a positive integer, or in JSONata a {% %} expression. */
    private JsonNode seconds(Fields f, String name, boolean jsonata) {
        JsonNode value = f.node(name);
        if (value != null && !(value.isIntegralNumber() && value.intValue() >= 1)
                && !(jsonata && JsonataTemplates.isExpression(value))) {
            f.problem(f.at(name), "expected a positive integer" + (jsonata ? " or a {% %} expression" : "")
                    + ", got " + Fields.describe(value));
        }
        if (jsonata && value != null) {
            jsonataSyntax(f, name, value);
        }
        return value;
    }

    private String secondsPath(Fields f, String name, JsonNode literal, boolean jsonata) {
        if (jsonata || !f.has(name)) {
            return null;
        }
        String path = checkedPath(f, name, false);
        if (literal != null) {
            f.problem(f.at(name), name.replace("Path", "") + " and " + name + " exclude each other");
        }
        return path;
    }

    private State.Choice choice(Fields f, StateCommon common, boolean jsonata) {
        JsonNode choices = f.node("Choices");
        List<ChoiceRule> rules = new ArrayList<>();
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            f.problem(f.at("Choices"), "a Choice state needs a non-empty Choices array");
        } else {
            for (int i = 0; i < choices.size(); i++) {
                Fields rule = new Fields(choices.get(i), f.at("Choices") + "/" + i, f.state, problems);
                if (!rule.valid()) {
                    continue;
                }
                String next = rule.requiredString("Next");
                rule.string("Comment");
                if (jsonata) {
                    JsonNode condition = rule.node("Condition");
                    if (condition == null || !(condition.isBoolean() || JsonataTemplates.isExpression(condition))) {
                        rule.problem(rule.at("Condition"), "a JSONata Choice rule needs a Condition: a {% %} expression or a boolean");
                    } else {
                        jsonataSyntax(rule, "Condition", condition);
                    }
                    JsonNode assign = assign(rule, "Assign", true);
                    JsonNode output = jsonataField(rule, "Output");
                    rules.add(new ChoiceRule(null, condition, next, assign, output));
                } else {
                    Condition condition = condition(rule, true);
                    rules.add(new ChoiceRule(condition, null, next, assign(rule, "Assign", false), null));
                }
                rule.finish(common.queryLanguage());
            }
        }
        return new State.Choice(common, rules, f.string("Default"));
    }

    private static final Set<String> UNARY = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");
    private static final Set<String> BINARY = Set.of("StringEquals", "StringLessThan", "StringGreaterThan",
            "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches", "NumericEquals", "NumericLessThan",
            "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals", "BooleanEquals", "TimestampEquals",
            "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals");

    private Condition condition(Fields rule, boolean top) {
        if (rule.has("And") || rule.has("Or")) {
            String operator = rule.has("And") ? "And" : "Or";
            JsonNode list = rule.node(operator);
            List<Condition> conditions = new ArrayList<>();
            if (!list.isArray() || list.isEmpty()) {
                rule.problem(rule.at(operator), operator + " needs a non-empty array of rules");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    Fields nested = new Fields(list.get(i), rule.at(operator) + "/" + i, rule.state, problems);
                    if (nested.valid()) {
                        conditions.add(condition(nested, false));
                        nested.finish(QueryLanguage.JSONPATH);
                    }
                }
            }
            return operator.equals("And") ? new ChoiceRule.And(conditions) : new ChoiceRule.Or(conditions);
        }
        if (rule.has("Not")) {
            Fields nested = new Fields(rule.node("Not"), rule.at("Not"), rule.state, problems);
            Condition negated = nested.valid() ? condition(nested, false) : new ChoiceRule.And(List.of());
            nested.finish(QueryLanguage.JSONPATH);
            return new ChoiceRule.Not(negated);
        }
        String variable = rule.requiredString("Variable");
        if (variable != null) {
            String error = JsonPaths.syntaxError(variable);
            if (error != null) {
                rule.problem(rule.at("Variable"), error);
            }
        }
        if (!top && rule.has("Next")) {
            rule.node("Next");
            rule.problem(rule.at("Next"), "only a top-level Choice rule has Next");
        }
        String found = null;
        for (String operator : operatorsIn(rule)) {
            if (found != null) {
                rule.problem(rule.at(operator), "a rule has one comparison; it has " + found + " and " + operator);
            }
            found = operator;
        }
        if (found == null) {
            rule.problem(rule.pointer, "a rule needs a comparison operator (e.g. StringEquals, NumericLessThanPath, IsPresent), And, Or or Not");
            return new ChoiceRule.And(List.of());
        }
        JsonNode value = rule.node(found);
        boolean path = found.endsWith("Path");
        String base = path ? found.substring(0, found.length() - 4) : found;
        if (path) {
            String error = value.isTextual() ? JsonPaths.syntaxError(value.textValue()) : "expected a path string";
            if (error != null) {
                rule.problem(rule.at(found), error);
            }
        } else if (UNARY.contains(base) ? !value.isBoolean()
                : base.startsWith("Numeric") ? !value.isNumber()
                : base.startsWith("Boolean") ? !value.isBoolean() : !value.isTextual()) {
            rule.problem(rule.at(found), found + " expects a " + (UNARY.contains(base) || base.startsWith("Boolean") ? "boolean"
                    : base.startsWith("Numeric") ? "number" : "string") + ", got " + Fields.describe(value));
        } else if (base.startsWith("Timestamp") && !io.edakit.workflow.path.Timestamps.valid(value.textValue())) {
            rule.problem(rule.at(found), found + " expects an RFC 3339 timestamp, got " + value.textValue());
        }
        return new Comparison(variable, base, value, path);
    }

    private static List<String> operatorsIn(Fields rule) {
        List<String> found = new ArrayList<>();
        for (String operator : UNARY) {
            if (rule.has(operator)) {
                found.add(operator);
            }
        }
        for (String operator : BINARY) {
            if (rule.has(operator)) {
                found.add(operator);
            }
            if (!operator.equals("StringMatches") && rule.has(operator + "Path")) {
                found.add(operator + "Path");
            }
        }
        return found;
    }

    private State.Wait waitState(Fields f, StateCommon common, boolean jsonata) {
        JsonNode seconds = f.node("Seconds");
        JsonNode timestamp = f.node("Timestamp");
        String secondsPath = jsonata || !f.has("SecondsPath") ? null : checkedPath(f, "SecondsPath", false);
        String timestampPath = jsonata || !f.has("TimestampPath") ? null : checkedPath(f, "TimestampPath", false);
        int count = (seconds == null ? 0 : 1) + (timestamp == null ? 0 : 1) + (secondsPath == null ? 0 : 1)
                + (timestampPath == null ? 0 : 1);
        if (count != 1) {
            f.problem(f.pointer, "a Wait state has exactly one of Seconds, Timestamp" + (jsonata ? "" : ", SecondsPath, TimestampPath"));
        }
        if (seconds != null && !(seconds.isIntegralNumber() && seconds.longValue() >= 0)
                && !(jsonata && JsonataTemplates.isExpression(seconds))) {
            f.problem(f.at("Seconds"), "expected a non-negative integer, got " + Fields.describe(seconds));
        }
        if (timestamp != null && !(timestamp.isTextual() && (io.edakit.workflow.path.Timestamps.valid(timestamp.textValue())
                || jsonata && JsonataTemplates.isExpression(timestamp)))) {
            f.problem(f.at("Timestamp"), "expected an RFC 3339 timestamp such as 2026-03-14T01:59:00Z, got "
                    + Fields.describe(timestamp));
        }
        if (jsonata) {
            jsonataSyntax(f, "Seconds", seconds);
            jsonataSyntax(f, "Timestamp", timestamp);
        }
        return new State.Wait(common, seconds, timestamp, secondsPath, timestampPath);
    }

    private State.Fail fail(Fields f, StateCommon common, boolean jsonata) {
        JsonNode error = f.node("Error");
        JsonNode cause = f.node("Cause");
        String errorPath = null;
        String causePath = null;
        if (!jsonata) {
            errorPath = f.has("ErrorPath") ? pathOrIntrinsic(f, "ErrorPath") : null;
            causePath = f.has("CausePath") ? pathOrIntrinsic(f, "CausePath") : null;
        } else {
            jsonataSyntax(f, "Error", error);
            jsonataSyntax(f, "Cause", cause);
        }
        if (error != null && !error.isTextual()) {
            f.problem(f.at("Error"), "expected a string, got " + Fields.describe(error));
        }
        if (cause != null && !cause.isTextual()) {
            f.problem(f.at("Cause"), "expected a string, got " + Fields.describe(cause));
        }
        if (error != null && errorPath != null) {
            f.problem(f.at("ErrorPath"), "Error and ErrorPath exclude each other");
        }
        if (cause != null && causePath != null) {
            f.problem(f.at("CausePath"), "Cause and CausePath exclude each other");
        }
        return new State.Fail(common, error, cause, errorPath, causePath);
    }

    private State.Parallel parallel(Fields f, StateCommon common, QueryLanguage language) {
        JsonNode branches = f.node("Branches");
        List<StateMachine> machines = new ArrayList<>();
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            f.problem(f.at("Branches"), "a Parallel state needs a non-empty Branches array");
        } else {
            for (int i = 0; i < branches.size(); i++) {
                machines.add(machine(branches.get(i), f.at("Branches") + "/" + i, language, false));
            }
        }
        return new State.Parallel(common, machines);
    }

    private State.Map map(Fields f, StateCommon common, QueryLanguage language, boolean jsonata) {
        String processorField = f.has("ItemProcessor") || !f.has("Iterator") ? "ItemProcessor" : "Iterator";
        if (f.has("ItemProcessor") && f.has("Iterator")) {
            f.problem(f.at("Iterator"), "ItemProcessor and Iterator (its deprecated name) exclude each other");
            f.node("Iterator");
        }
        JsonNode processorNode = f.node(processorField);
        StateMachine processor = null;
        if (processorNode == null) {
            f.problem(f.at("ItemProcessor"), "a Map state needs an ItemProcessor");
        } else {
            if (processorNode.has("ProcessorConfig")) {
                JsonNode config = processorNode.get("ProcessorConfig");
                String mode = config.path("Mode").asText("INLINE");
                if (!"INLINE".equals(mode)) {
                    f.problem(Fields.child(f.at(processorField), "ProcessorConfig") + "/Mode",
                            "distributed Map (Mode " + mode + ") is not supported: use an inline Map");
                }
                config.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("Mode") && !name.equals("ExecutionType")) {
                        f.problem(Fields.child(f.at(processorField), "ProcessorConfig") + "/" + name, "unknown field " + name + " here");
                    }
                });
                processorNode = ((com.fasterxml.jackson.databind.node.ObjectNode) processorNode.deepCopy()).without("ProcessorConfig");
            }
            processor = machine(processorNode, f.at(processorField), language, false);
        }
        String itemsPath = null;
        JsonNode items = null;
        JsonNode selector;
        if (jsonata) {
            items = f.node("Items");
            if (items != null && !items.isArray() && !JsonataTemplates.isExpression(items)) {
                f.problem(f.at("Items"), "expected an array or a {% %} expression, got " + Fields.describe(items));
            }
            jsonataSyntax(f, "Items", items);
            selector = jsonataField(f, "ItemSelector");
        } else {
            itemsPath = f.has("ItemsPath") ? checkedPath(f, "ItemsPath", false) : "$";
            if (f.has("ItemSelector") && f.has("Parameters")) {
                f.problem(f.at("Parameters"), "ItemSelector and Parameters (its deprecated name) exclude each other");
            }
            selector = template(f, f.has("ItemSelector") || !f.has("Parameters") ? "ItemSelector" : "Parameters");
        }
        Integer concurrency = f.integer("MaxConcurrency", 0);
        Double percentage = f.number("ToleratedFailurePercentage", 0, 100);
        Integer count = f.integer("ToleratedFailureCount", 0);
        return new State.Map(common, itemsPath, items, selector, processor, concurrency == null ? 0 : concurrency,
                percentage, count);
    }

    private List<Retrier> retriers(Fields f) {
        JsonNode list = f.node("Retry");
        List<Retrier> retriers = new ArrayList<>();
        if (list == null) {
            return retriers;
        }
        if (!list.isArray()) {
            f.problem(f.at("Retry"), "expected an array of retriers");
            return retriers;
        }
        for (int i = 0; i < list.size(); i++) {
            Fields r = new Fields(list.get(i), f.at("Retry") + "/" + i, f.state, problems);
            if (!r.valid()) {
                continue;
            }
            List<String> errors = errorEquals(r);
            r.string("Comment");
            Integer interval = r.integer("IntervalSeconds", 1);
            Integer attempts = r.integer("MaxAttempts", 0);
            Double backoff = r.number("BackoffRate", 1.0, Double.MAX_VALUE);
            Integer maxDelay = r.integer("MaxDelaySeconds", 1);
            String jitter = r.string("JitterStrategy");
            if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
                r.problem(r.at("JitterStrategy"), "JitterStrategy is FULL or NONE, got " + jitter);
            }
            r.finish(QueryLanguage.JSONPATH);
            retriers.add(new Retrier(errors, interval == null ? 1 : interval, attempts == null ? 3 : attempts,
                    backoff == null ? 2.0 : backoff, maxDelay, "FULL".equals(jitter)));
        }
        return retriers;
    }

    private List<Catcher> catchers(Fields f, boolean jsonata) {
        JsonNode list = f.node("Catch");
        List<Catcher> catchers = new ArrayList<>();
        if (list == null) {
            return catchers;
        }
        if (!list.isArray()) {
            f.problem(f.at("Catch"), "expected an array of catchers");
            return catchers;
        }
        for (int i = 0; i < list.size(); i++) {
            Fields c = new Fields(list.get(i), f.at("Catch") + "/" + i, f.state, problems);
            if (!c.valid()) {
                continue;
            }
            List<String> errors = errorEquals(c);
            c.string("Comment");
            String next = c.requiredString("Next");
            String resultPath = jsonata ? "$" : referencePath(c, "ResultPath");
            JsonNode output = jsonata ? jsonataField(c, "Output") : null;
            JsonNode assign = assign(c, "Assign", jsonata);
            c.finish(jsonata ? QueryLanguage.JSONATA : QueryLanguage.JSONPATH);
            catchers.add(new Catcher(errors, next, resultPath, output, assign));
        }
        return catchers;
    }

    private List<String> errorEquals(Fields f) {
        if (!f.has("ErrorEquals")) {
            f.node("ErrorEquals");
            f.problem(f.at("ErrorEquals"), "missing required field ErrorEquals");
            return List.of();
        }
        List<String> errors = f.strings("ErrorEquals");
        if (errors.isEmpty()) {
            f.problem(f.at("ErrorEquals"), "ErrorEquals needs at least one error name");
        }
        if (errors.contains("States.ALL") && errors.size() > 1) {
            f.problem(f.at("ErrorEquals"), "States.ALL must appear alone in ErrorEquals");
        }
        return errors;
    }

    private String checkedPath(Fields f, String name, boolean nullable) {
        String path = f.path(name, nullable);
        if (path != null) {
            String error = JsonPaths.syntaxError(path);
            if (error != null) {
                f.problem(f.at(name), error);
            }
        }
        return path;
    }

    private String pathOrIntrinsic(Fields f, String name) {
        String value = f.path(name, false);
        try {
            if (Intrinsics.isCall(value)) {
                Intrinsics.parse(value);
            } else if (JsonPaths.syntaxError(value) != null) {
                f.problem(f.at(name), JsonPaths.syntaxError(value));
            }
        } catch (IllegalArgumentException e) {
            f.problem(f.at(name), e.getMessage());
        }
        return value;
    }

    private String referencePath(Fields f, String name) {
        String path = f.path(name, true);
        if (path != null) {
            try {
                ReferencePath.parse(path);
            } catch (IllegalArgumentException e) {
                f.problem(f.at(name), e.getMessage());
            }
        }
        return path;
    }

    private JsonNode template(Fields f, String name) {
        JsonNode template = f.node(name);
        if (template != null) {
            String error = PayloadTemplate.syntaxError(template);
            if (error != null) {
                f.problem(f.at(name), error);
            }
        }
        return template;
    }

    private JsonNode jsonataField(Fields f, String name) {
        JsonNode value = f.node(name);
        jsonataSyntax(f, name, value);
        return value;
    }

    private void jsonataSyntax(Fields f, String name, JsonNode value) {
        String error = JsonataTemplates.syntaxError(value);
        if (error != null) {
            f.problem(f.at(name), error);
        }
    }

    private JsonNode assign(Fields f, String name, boolean jsonata) {
        JsonNode assign = f.node(name);
        if (assign == null) {
            return null;
        }
        if (!assign.isObject()) {
            f.problem(f.at(name), "Assign must be an object of variable names");
            return null;
        }
        assign.fieldNames().forEachRemaining(variable -> {
            String bare = jsonata ? variable : variable.endsWith(".$") ? variable.substring(0, variable.length() - 2) : variable;
            if (!bare.matches("[A-Za-z_][A-Za-z0-9_]*") || bare.length() > 80) {
                f.problem(Fields.child(f.at(name), variable), "a variable name is a letter or _ then letters, digits or _");
            }
        });
        String error = jsonata ? JsonataTemplates.syntaxError(assign) : PayloadTemplate.syntaxError(assign);
        if (error != null) {
            f.problem(f.at(name), error);
        }
        return assign;
    }
}
