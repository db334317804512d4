package io.edakit.routes.router;

import org.apache.camel.Predicate;

/**
 * One rule of a sender-side router: a predicate over the message and the channel it sends to.
 *
 * @param text        the rule as configured, for messages and the routing header
 * @param predicate   compiled Camel simple or JSONPath predicate
 * @param destination channel the matching messages go to
 */
record RouterRule(String text, Predicate predicate, String destination) {
}
