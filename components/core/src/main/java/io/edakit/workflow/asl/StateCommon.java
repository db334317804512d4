package io.edakit.workflow.asl;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields states share. Path fields hold ASL's three cases: the default "$" when absent, null for
 * a JSON null (InputPath/OutputPath null give {}, ResultPath null keeps the input), or the path.
 * Fields a state type does not allow are refused by the reader, so here they are simply null/empty.
 *
 * @param pointer        JSON pointer of the state in its document
 * @param queryLanguage  the effective language (the state's own, else the machine's)
 * @param next           the following state, or null when {@code end} or for Choice/Succeed/Fail
 * @param parameters     JSONPath payload template (Parameters), or null
 * @param resultSelector JSONPath payload template applied to a task's result, or null
 * @param arguments      JSONata Arguments, or null
 * @param output         JSONata Output, or null
 * @param assign         Assign (both languages), or null
 */
public record StateCommon(String name, String pointer, String type, QueryLanguage queryLanguage, String next, boolean end,
                          String inputPath, String outputPath, String resultPath, JsonNode parameters,
                          JsonNode resultSelector, JsonNode arguments, JsonNode output, JsonNode assign,
                          List<Retrier> retry, List<Catcher> catchers) {

    public StateCommon {
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }

    public boolean jsonata() {
        return queryLanguage == QueryLanguage.JSONATA;
    }
}
