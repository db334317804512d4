/**
 * Runs a definition in memory with mocked tasks and a virtual clock (waits and backoffs take no
 * time): what {@code workflow test} and the conformance suite use, as AWS's TestState and Step
 * Functions Local are used.
 */
package io.edakit.workflow.test;
