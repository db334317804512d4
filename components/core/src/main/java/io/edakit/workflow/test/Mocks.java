package io.edakit.workflow.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.TaskInvoker;
import io.edakit.workflow.path.JsonPaths;

/**
 * Mocked tasks by state name, whatever their Resource says (so a definition copied from AWS, ARNs
 * and all, runs unchanged). A state given several answers gives them in turn, the last one
 * repeating: {@code Pay=error:Busy} then {@code Pay=@ok.json} fails once, then succeeds. A Task
 * without a mock is refused ({@link UnmockedTaskException}), never guessed.
 */
public final class Mocks implements TaskInvoker {

    private final Map<String, List<TaskResult>> answers = new HashMap<>();
    private final Map<String, AtomicInteger> calls = new HashMap<>();

    /** Thrown for a Task state no mock was given for. */
    public static final class UnmockedTaskException extends RuntimeException {
        public UnmockedTaskException(String state) {
            super("no --mock for Task state '" + state + "'");
        }
    }

    public Mocks answer(String state, TaskResult result) {
        answers.computeIfAbsent(state, s -> new ArrayList<>()).add(result);
        return this;
    }

    public Mocks succeed(String state, JsonNode output) {
        return answer(state, TaskResult.success(output));
    }

    public Mocks fail(String state, String error, String cause) {
        return answer(state, TaskResult.failure(error, cause));
    }

    /**
     * Adds one {@code --mock} argument: {@code State=@file.json} (the output, read relative to
     * {@code directory}), {@code State=error:Name[:cause]}, or {@code State=<JSON>}.
     * IllegalArgumentException with a one-line reason when it is malformed.
     */
    public Mocks add(String spec, Path directory) {
        int equals = spec.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--mock " + spec + ": expected State=@file.json, State=error:Name[:cause] or State=<JSON>");
        }
        String state = spec.substring(0, equals);
        String value = spec.substring(equals + 1);
        if (value.startsWith("error:")) {
            String[] parts = value.substring("error:".length()).split(":", 2);
            if (parts[0].isEmpty()) {
                throw new IllegalArgumentException("--mock " + spec + ": error: needs an error name, e.g. error:States.Timeout");
            }
            return fail(state, parts[0], parts.length > 1 ? parts[1] : null);
        }
        String json;
        if (value.startsWith("@")) {
            Path file = directory.resolve(value.substring(1));
            try {
                json = Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("--mock " + spec + ": cannot read " + file + " (" + e.getMessage() + ")");
            }
        } else {
            json = value;
        }
        try {
            return succeed(state, JsonPaths.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--mock " + spec + ": not JSON: " + e.getOriginalMessage());
        }
    }

    /** How often the state's task was called. */
    public int calls(String state) {
        AtomicInteger count = calls.get(state);
        return count == null ? 0 : count.get();
    }

    @Override
    public CompletionStage<TaskResult> invoke(Command.InvokeTask call) {
        List<TaskResult> list = answers.get(call.state());
        if (list == null) {
            throw new UnmockedTaskException(call.state());
        }
        int n = calls.computeIfAbsent(call.state(), s -> new AtomicInteger()).getAndIncrement();
        return CompletableFuture.completedFuture(list.get(Math.min(n, list.size() - 1)));
    }
}
