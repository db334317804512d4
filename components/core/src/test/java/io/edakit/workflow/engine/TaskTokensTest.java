package io.edakit.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Task tokens: one per attempt, the same again for the same attempt, never read as a command-line option. */
class TaskTokensTest {

    private static final byte[] SECRET = "an-execution-secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void noTokenBeginsWithADashAndEachIsUrlSafe() {
        // bare URL-safe base64 begins with '-' 1 time in 64: among 10,000 about 156 would
        Set<String> tokens = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> tokens.add(TaskTokens.token(SECRET, "exec-" + i + "/Approve#1/1")));
        assertThat(tokens).hasSize(10_000).allSatisfy(token -> {
            assertThat(token).startsWith(TaskTokens.PREFIX).hasSize(44).matches("[A-Za-z0-9_-]+");
            assertThat(token.charAt(0)).isNotEqualTo('-');
        });
    }

    @Test
    void theSameAttemptGetsTheSameTokenAndAnotherSecretAnother() {
        String token = TaskTokens.token(SECRET, "exec-1/Approve#1/1");
        assertThat(TaskTokens.token(SECRET, "exec-1/Approve#1/1")).isEqualTo(token);
        assertThat(TaskTokens.token(SECRET, "exec-1/Approve#1/2")).isNotEqualTo(token);
        assertThat(TaskTokens.token("another".getBytes(StandardCharsets.UTF_8), "exec-1/Approve#1/1")).isNotEqualTo(token);
    }
}
