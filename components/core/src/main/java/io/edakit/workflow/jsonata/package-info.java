/**
 * ASL's JSONata side: {@code {% ... %}} expressions and templates evaluated with dashjoin's
 * JSONata port, with {@code $states} (input, result, errorOutput, context) and the workflow
 * variables bound. Failures carry States.QueryEvaluationError.
 */
package io.edakit.workflow.jsonata;
