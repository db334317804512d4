package io.edakit.workflow.engine;

import java.util.List;

/**
 * Which retrier or catcher handles an error. Names match exactly; States.ALL matches any error but
 * the terminal ones (States.Runtime, States.DataLimitExceeded); States.TaskFailed matches any error
 * but those and States.Timeout.
 */
final class ErrorMatching {

    static final String RUNTIME = "States.Runtime";

    private ErrorMatching() {
    }

    /** Terminal errors end the execution: no retrier or catcher applies. */
    static boolean terminal(String error) {
        return RUNTIME.equals(error) || "States.DataLimitExceeded".equals(error);
    }

    static boolean matches(List<String> errorEquals, String error) {
        if (terminal(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error) || "States.ALL".equals(name)
                    || "States.TaskFailed".equals(name) && !"States.Timeout".equals(error)) {
                return true;
            }
        }
        return false;
    }
}
