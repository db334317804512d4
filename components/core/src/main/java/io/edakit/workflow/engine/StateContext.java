package io.edakit.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.edakit.workflow.jsonata.JsonataTemplates;
import io.edakit.workflow.path.Scope;

/**
 * What expressions of one state see: the context object ({@code $$} / {@code $states.context}),
 * the variables, {@code $states.input/result/errorOutput}, and the execution's random sequence.
 * The context object is built only when an expression asks for it.
 */
final class StateContext implements Scope, JsonataTemplates.Bindings {

    private final Execution execution;
    private final Run run;
    private final JsonNode input;
    private JsonNode result;
    private JsonNode errorOutput;
    private Integer itemIndex;
    private JsonNode itemValue;
    private String taskToken;
    private ObjectNode context;

    StateContext(Execution execution, Run run, JsonNode input) {
        this.execution = execution;
        this.run = run;
        this.input = input;
    }

    StateContext withResult(JsonNode result) {
        this.result = result;
        return this;
    }

    StateContext withErrorOutput(JsonNode errorOutput) {
        this.errorOutput = errorOutput;
        return this;
    }

    /** A callback task's token, as {@code $$.Task.Token}. */
    StateContext withTaskToken(String token) {
        this.taskToken = token;
        this.context = null;
        return this;
    }

    StateContext withItem(int index, JsonNode value) {
        this.itemIndex = index;
        this.itemValue = value;
        this.context = null;
        return this;
    }

    @Override
    public JsonNode context() {
        if (context == null) {
            JsonNodeFactory json = JsonNodeFactory.instance;
            context = json.objectNode();
            ObjectNode exec = context.putObject("Execution");
            exec.put("Id", execution.id);
            exec.set("Input", execution.input);
            exec.put("Name", execution.name);
            exec.put("StartTime", execution.startTime.toString());
            ObjectNode state = context.putObject("State");
            state.put("Name", run.state);
            state.put("EnteredTime", String.valueOf(run.enteredAt));
            state.put("RetryCount", run.totalRetries);
            ObjectNode machine = context.putObject("StateMachine");
            machine.put("Id", run.scope.file());
            machine.put("Name", run.scope.file());
            if (taskToken != null) {
                context.putObject("Task").put("Token", taskToken);
            }
            if (itemIndex != null) {
                ObjectNode item = context.putObject("Map").putObject("Item");
                item.put("Index", itemIndex);
                item.set("Value", itemValue);
            }
        }
        return context;
    }

    @Override
    public JsonNode variable(String name) {
        return run.variables.get(name);
    }

    @Override
    public Iterable<String> variableNames() {
        return run.variables.names();
    }

    @Override
    public long nextRandom() {
        return execution.random.nextLong();
    }

    @Override
    public JsonNode states() {
        ObjectNode states = JsonNodeFactory.instance.objectNode();
        states.set("input", input);
        if (result != null) {
            states.set("result", result);
        }
        if (errorOutput != null) {
            states.set("errorOutput", errorOutput);
        }
        states.set("context", context());
        return states;
    }
}
