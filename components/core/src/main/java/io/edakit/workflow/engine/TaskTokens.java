package io.edakit.workflow.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a callback task: {@value #PREFIX} and the HMAC-SHA256 of the task id under the
 * execution's secret in URL-safe base64 (44 characters in all). The prefix keeps a token from
 * beginning with '-', as 1 in 64 bare base64 strings do, where a command line reads it as an
 * option ({@code workflow task success TOKEN}). A task id names the execution, the state's run and the attempt (a retry is a
 * new id), so a token is bound to one attempt; it is deterministic, so an execution rebuilt from its
 * history after a restart hands out the same token; without the secret it cannot be guessed or made
 * from the execution id. The driver maps a token back to its task (it stores what it handed out).
 */
public final class TaskTokens {

    /** What every token begins with: a letter, never an option's '-'. */
    static final String PREFIX = "t";

    private TaskTokens() {
    }

    public static String token(byte[] secret, String taskId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // an execution without a secret (the in-memory test runner) still gets well-formed tokens
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return PREFIX + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(taskId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
