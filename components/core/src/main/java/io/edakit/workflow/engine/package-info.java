/**
 * The pure ASL interpreter. {@link io.edakit.workflow.engine.Interpreter} turns an
 * {@link io.edakit.workflow.engine.Execution} (explicit, mutable state) and an
 * {@link io.edakit.workflow.engine.Event} into a {@link io.edakit.workflow.engine.Step}: the
 * {@link io.edakit.workflow.engine.Command}s a driver carries out (calls, timers, the end) and
 * {@link io.edakit.workflow.engine.HistoryEntry}s for people. No I/O, no clock, no threads, no Camel:
 * drivers supply those (the in-memory runner in {@code io.edakit.workflow.test} now, the durable
 * runner on the shared execution log next). The contract a driver relies on is on
 * {@link io.edakit.workflow.engine.Interpreter}.
 */
package io.edakit.workflow.engine;
