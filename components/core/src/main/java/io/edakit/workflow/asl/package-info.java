/**
 * Amazon States Language definitions: the model ({@link io.edakit.workflow.asl.StateMachine} and its
 * states), the reader for JSON and YAML as AWS writes them ({@link io.edakit.workflow.asl.AslParser})
 * and the checks that make a definition runnable ({@link io.edakit.workflow.asl.AslValidator}).
 * Every field the reader does not understand is reported, never skipped: a definition either runs as
 * written or is refused with one {@link io.edakit.workflow.asl.Problem} per construct, naming file,
 * state and JSON pointer.
 */
package io.edakit.workflow.asl;
