package io.edakit.app.config;

import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A Camel context the configuration check resolves languages and components with: built on first
 * use, never started, so it opens no port, creates no file and runs no route. Beans the
 * configuration declares ({@code camel.beans.NAME=...}) exist only once the application runs; each
 * is stood in for by its name, so that an endpoint scheme naming such a bean (a component of the
 * application's own) counts as known. Nothing to close: a context that never started holds no
 * thread or file, and stopping one would log a shutdown that never was.
 */
final class UnstartedCamel {

    /** What stands in for a bean the configuration declares. */
    private record DeclaredBean(String name) {
    }

    private final Set<String> declaredBeans;
    private DefaultCamelContext camel;

    UnstartedCamel(Set<String> declaredBeans) {
        this.declaredBeans = Set.copyOf(declaredBeans);
    }

    CamelContext get() {
        if (camel == null) {
            camel = new DefaultCamelContext();
            camel.build();
            declaredBeans.forEach(name -> camel.getRegistry().bind(name, new DeclaredBean(name)));
        }
        return camel;
    }
}
