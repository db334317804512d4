package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.edakit.workflow.engine.Outcome;
import io.edakit.workflow.test.InMemoryRunner;

/**
 * ASL "Choice State": rules, data-test expressions and their comparison operators, the ...Path
 * forms, boolean expressions, Default and States.NoChoiceMatched. Each case names the rule it checks.
 */
class ChoiceRulesTest {

    /** A Choice with one rule {@code rule} going to Yes, Default No; the output names the branch taken. */
    private static String chosen(String rule, String input) {
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[%s],'Default':'No'},
                  'Yes':{'Type':'Pass','Result':'yes','End':true},
                  'No':{'Type':'Pass','Result':'no','End':true}}}
                """.formatted(rule), input);
        return report.outcome().succeeded() ? report.outcome().output().textValue() : report.outcome().error();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // "StringEquals, ... StringGreaterThanEquals": string comparison, ordinal
            "'Variable':'$.s','StringEquals':'b'|{'s':'b'}|yes",
            "'Variable':'$.s','StringEquals':'b'|{'s':'B'}|no",
            "'Variable':'$.s','StringLessThan':'b'|{'s':'a'}|yes",
            "'Variable':'$.s','StringGreaterThan':'b'|{'s':'c'}|yes",
            "'Variable':'$.s','StringLessThanEquals':'b'|{'s':'b'}|yes",
            "'Variable':'$.s','StringGreaterThanEquals':'b'|{'s':'a'}|no",
            // "a comparison of values of different types is false": StringEquals on a number
            "'Variable':'$.s','StringEquals':'1'|{'s':1}|no",
            // Numeric comparisons compare numerically (1 equals 1.0)
            "'Variable':'$.n','NumericEquals':1|{'n':1.0}|yes",
            "'Variable':'$.n','NumericLessThan':10|{'n':9.5}|yes",
            "'Variable':'$.n','NumericGreaterThan':10|{'n':10}|no",
            "'Variable':'$.n','NumericLessThanEquals':10|{'n':10}|yes",
            "'Variable':'$.n','NumericGreaterThanEquals':10|{'n':11}|yes",
            "'Variable':'$.n','NumericEquals':1|{'n':'1'}|no",
            // BooleanEquals
            "'Variable':'$.b','BooleanEquals':false|{'b':false}|yes",
            "'Variable':'$.b','BooleanEquals':true|{'b':'true'}|no",
            // Timestamp comparisons compare instants, across offsets
            "'Variable':'$.t','TimestampEquals':'2026-01-01T00:00:00Z'|{'t':'2026-01-01T01:00:00+01:00'}|yes",
            "'Variable':'$.t','TimestampLessThan':'2026-01-01T00:00:00Z'|{'t':'2025-12-31T23:59:59Z'}|yes",
            "'Variable':'$.t','TimestampGreaterThan':'2026-01-01T00:00:00Z'|{'t':'2026-01-01T00:00:00.001Z'}|yes",
            "'Variable':'$.t','TimestampLessThanEquals':'2026-01-01T00:00:00Z'|{'t':'2026-01-01T00:00:00Z'}|yes",
            "'Variable':'$.t','TimestampGreaterThanEquals':'2026-01-01T00:00:00Z'|{'t':'not a time'}|no",
            // StringMatches: * any run of characters, \\* a literal star, \\\\ a literal backslash
            "'Variable':'$.s','StringMatches':'log-*.txt'|{'s':'log-2026.txt'}|yes",
            "'Variable':'$.s','StringMatches':'*.txt'|{'s':'a.json'}|no",
            "'Variable':'$.s','StringMatches':'a\\\\*b'|{'s':'a*b'}|yes",
            "'Variable':'$.s','StringMatches':'a\\\\*b'|{'s':'axxb'}|no",
            "'Variable':'$.s','StringMatches':'a\\\\\\\\*'|{'s':'a\\\\bc'}|yes",
            // The ...Path forms compare with the value another path selects
            "'Variable':'$.a','NumericLessThanPath':'$.b'|{'a':1,'b':2}|yes",
            "'Variable':'$.a','StringEqualsPath':'$.b'|{'a':'x','b':'x'}|yes",
            "'Variable':'$.a','TimestampGreaterThanPath':'$.b'|{'a':'2026-01-02T00:00:00Z','b':'2026-01-01T00:00:00Z'}|yes",
            "'Variable':'$.a','BooleanEqualsPath':'$.b'|{'a':true,'b':false}|no",
            // IsPresent: the one operator a missing Variable does not make an error
            "'Variable':'$.missing','IsPresent':false|{}|yes",
            "'Variable':'$.x','IsPresent':true|{'x':null}|yes",
            // IsNull, IsNumeric, IsString, IsBoolean, IsTimestamp
            "'Variable':'$.x','IsNull':true|{'x':null}|yes",
            "'Variable':'$.x','IsNumeric':true|{'x':'1'}|no",
            "'Variable':'$.x','IsString':true|{'x':'1'}|yes",
            "'Variable':'$.x','IsBoolean':false|{'x':0}|yes",
            "'Variable':'$.x','IsTimestamp':true|{'x':'2026-03-14T01:59:00Z'}|yes",
            // Boolean expressions: And, Or, Not, nested
            "'And':[{'Variable':'$.a','NumericGreaterThan':1},{'Variable':'$.a','NumericLessThan':3}]|{'a':2}|yes",
            "'And':[{'Variable':'$.a','NumericGreaterThan':1},{'Variable':'$.a','NumericLessThan':3}]|{'a':3}|no",
            "'Or':[{'Variable':'$.a','StringEquals':'x'},{'Variable':'$.a','StringEquals':'y'}]|{'a':'y'}|yes",
            "'Not':{'Variable':'$.a','StringEquals':'x'}|{'a':'y'}|yes",
            "'Not':{'And':[{'Variable':'$.a','IsPresent':true},{'Variable':'$.a','IsNull':false}]}|{'a':null}|yes",
            // $$ (the context object) may be compared too
            "'Variable':'$$.State.Name','StringEquals':'C'|{}|yes",
    })
    void rules(String rule, String input, String expected) {
        assertThat(chosen("{" + rule + ",'Next':'Yes'}", input)).isEqualTo(expected);
    }

    @Test
    void firstMatchingRuleWinsInOrder() {
        // "the interpreter evaluates the rules in array order and takes the first that matches"
        String rules = "{'Variable':'$.n','NumericGreaterThan':0,'Next':'No'},{'Variable':'$.n','NumericGreaterThan':1,'Next':'Yes'}";
        assertThat(chosen(rules, "{'n':5}")).isEqualTo("no");
    }

    @Test
    void noMatchWithoutDefaultIsNoChoiceMatched() {
        // "If no Choice Rule matches and no Default is given, the machine fails with States.NoChoiceMatched"
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericEquals':1,'Next':'Yes'}]},
                  'Yes':{'Type':'Succeed'}}}
                """, "{'n':2}");
        assertThat(report.outcome().status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(report.outcome().error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void missingVariableIsRuntimeError() {
        // a Variable that selects nothing (other than for IsPresent) is a States.Runtime error
        assertThat(chosen("{'Variable':'$.nope','StringEquals':'x','Next':'Yes'}", "{}")).isEqualTo("States.Runtime");
    }

    @Test
    void choiceAppliesInputPathAndOutputPath() {
        // Choice supports InputPath and OutputPath: rules see the InputPath result; the output passes through
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','InputPath':'$.order','OutputPath':'$.id',
                       'Choices':[{'Variable':'$.total','NumericGreaterThan':100,'Next':'Big'}],'Default':'Big'},
                  'Big':{'Type':'Succeed'}}}
                """, "{'order':{'id':'o-1','total':150}}");
        assertThat(report.outcome().output().textValue()).isEqualTo("o-1");
    }
}
