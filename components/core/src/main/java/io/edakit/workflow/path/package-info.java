/**
 * ASL's JSONPath side: Paths and reference paths ({@link io.edakit.workflow.path.JsonPaths},
 * {@link io.edakit.workflow.path.ReferencePath}), payload templates with {@code .$} keys
 * ({@link io.edakit.workflow.path.PayloadTemplate}) and the intrinsic functions
 * ({@link io.edakit.workflow.path.Intrinsics}). Failures are {@link io.edakit.workflow.path.PathFailure}s
 * carrying the ASL error name the engine raises. Nothing here knows about states.
 */
package io.edakit.workflow.path;
