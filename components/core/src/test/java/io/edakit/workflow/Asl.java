package io.edakit.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.path.JsonPaths;
import io.edakit.workflow.test.InMemoryRunner;
import io.edakit.workflow.test.Mocks;

/** Test helpers: definitions written with single quotes, run in memory. */
final class Asl {

    private Asl() {
    }

    /** JSON with ' for " so definitions read well in Java text blocks. */
    static JsonNode json(String text) {
        try {
            return JsonPaths.MAPPER.readTree(text.replace('\'', '"').replace('`', '\''));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static StateMachine machine(String definition) {
        return AslParser.parse("test.asl.json", definition.replace('\'', '"').replace('`', '\''));
    }

    static InMemoryRunner.Report run(String definition, String input, Mocks mocks) {
        return new InMemoryRunner(machine(definition), mocks).run(json(input));
    }

    static InMemoryRunner.Report run(String definition, String input) {
        return run(definition, input, new Mocks());
    }
}
