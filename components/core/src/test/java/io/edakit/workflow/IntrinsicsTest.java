package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.edakit.workflow.test.InMemoryRunner;

/** ASL "Intrinsic functions", each as Step Functions documents it; failures are States.IntrinsicFailure. */
class IntrinsicsTest {

    private static final String INPUT = "{'s':'a,b;c','n':3,'list':[1,2,2,3,4],'o1':{'a':1,'b':1},'o2':{'b':2},"
            + "'json':'{\\'k\\':1}','name':'Ada'}";

    private static InMemoryRunner.Report evaluate(String call) {
        return Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'r.$':'" + call + "'},'OutputPath':'$.r','End':true}}}",
                INPUT);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "States.Format(`Hello {}, {} items`, $.name, $.n)|'Hello Ada, 3 items'",
            "States.Format(`braces \\\\{\\\\} and a quote \\\\``)|'braces {} and a quote `'",
            "States.StringToJson($.json)|{'k':1}",
            "States.JsonToString($.o2)|'{\\'b\\':2}'",
            "States.Array($.n, `x`, true, null)|[3,'x',true,null]",
            "States.ArrayPartition($.list, 2)|[[1,2],[2,3],[4]]",
            "States.ArrayContains($.list, 4)|true",
            "States.ArrayContains($.list, 9)|false",
            "States.ArrayRange(1, 9, 3)|[1,4,7]",
            "States.ArrayGetItem($.list, 3)|3",
            "States.ArrayLength($.list)|5",
            "States.ArrayUnique($.list)|[1,2,3,4]",
            "States.Base64Encode($.name)|'QWRh'",
            "States.Base64Decode(`QWRh`)|'Ada'",
            "States.JsonMerge($.o1, $.o2, false)|{'a':1,'b':2}",
            "States.MathAdd($.n, -5)|-2",
            "States.StringSplit($.s, `,;`)|['a','b','c']",
            "States.ArrayLength(States.ArrayUnique($.list))|4",
    })
    void functions(String call, String expected) {
        InMemoryRunner.Report report = evaluate(call);
        assertThat(report.outcome().output()).as(String.valueOf(report.outcome())).isEqualTo(Asl.json(expected));
    }

    @Test
    void hashIsTheHexDigestOfTheText() throws Exception {
        // States.Hash(data, algorithm): MD5, SHA-1, SHA-256, SHA-384 or SHA-512 of the text, as lowercase hex
        for (String algorithm : new String[] {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"}) {
            String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm)
                    .digest("Ada".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(evaluate("States.Hash($.name, `" + algorithm + "`)").outcome().output().textValue()).isEqualTo(expected);
        }
        assertThat(evaluate("States.Hash($.name, `CRC32`)").outcome().error()).isEqualTo("States.IntrinsicFailure");
    }

    @Test
    void mathRandomAndUuidAreInRangeAndRepeatForTheSameExecution() {
        // States.MathRandom(start, end): start <= n < end; States.UUID(): a version 4 UUID. Deterministic per
        // execution id, so a replayed execution draws the same values.
        String definition = "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'r.$':'States.MathRandom(5, 10)',"
                + "'u.$':'States.UUID()'},'End':true}}}";
        InMemoryRunner.Report first = Asl.run(definition, "{}");
        InMemoryRunner.Report again = Asl.run(definition, "{}");
        assertThat(first.outcome().output().get("r").intValue()).isBetween(5, 9);
        assertThat(first.outcome().output().get("u").textValue()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(again.outcome().output()).isEqualTo(first.outcome().output());
    }

    @Test
    void aBadArgumentIsIntrinsicFailure() {
        // "States.IntrinsicFailure: an intrinsic function failed"
        assertThat(evaluate("States.ArrayGetItem($.list, 99)").outcome().error()).isEqualTo("States.IntrinsicFailure");
        assertThat(evaluate("States.StringToJson($.name)").outcome().error()).isEqualTo("States.IntrinsicFailure");
    }
}
