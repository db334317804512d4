package io.edakit.workflow.asl;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a state's {@code Catch}.
 *
 * @param resultPath where the error object goes in the state's input (JSONPath; "$" when absent,
 *                   null for JSON null: the input passes unchanged)
 * @param output     JSONata Output of the catcher, or null
 * @param assign     JSONata or JSONPath Assign of the catcher, or null
 */
public record Catcher(List<String> errorEquals, String next, String resultPath, JsonNode output, JsonNode assign) {

    public Catcher {
        errorEquals = List.copyOf(errorEquals);
    }
}
