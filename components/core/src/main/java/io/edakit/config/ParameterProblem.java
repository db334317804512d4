package io.edakit.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Something wrong with the values of a template instance, as a value: the parameter it concerns
 * and what is expected, so that whoever reports it (the validator, with file and key) need not
 * recover the parameter from the text.
 *
 * @param parameter the parameter whose value is wrong (or missing), or null when the problem is
 *                  the instance's as a whole (two parameters that exclude each other, say)
 * @param message   what is wrong and what is expected, without the parameter's name
 */
public record ParameterProblem(Param<?> parameter, String message) {

    public ParameterProblem {
        Objects.requireNonNull(message, "message");
    }

    public static ParameterProblem of(Param<?> parameter, String message) {
        return new ParameterProblem(Objects.requireNonNull(parameter, "parameter"), message);
    }

    /** A problem of the instance as a whole, whose message names the parameters concerned. */
    public static ParameterProblem ofInstance(String message) {
        return new ParameterProblem(null, message);
    }

    public Optional<Param<?>> about() {
        return Optional.ofNullable(parameter);
    }

    /** One line, the parameter first: {@code 'rules-file': not found}. */
    @Override
    public String toString() {
        return parameter == null ? message : "'" + parameter.name() + "': " + message;
    }
}
