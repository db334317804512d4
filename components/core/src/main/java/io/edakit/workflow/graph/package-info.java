/** Draws a state machine as a Mermaid flowchart or a Graphviz DOT digraph. */
package io.edakit.workflow.graph;
