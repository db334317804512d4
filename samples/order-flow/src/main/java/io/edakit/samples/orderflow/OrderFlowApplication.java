package io.edakit.samples.orderflow;

import org.apache.camel.main.Main;

/**
 * A plain Camel Main application that uses edakit as a library: the templates come from the
 * {@code edakit-routes} dependency, the instances from this application's own
 * {@code application.properties}, next to its own routes ({@link OrderRoutes}).
 */
public final class OrderFlowApplication {

    private OrderFlowApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.run(args);
    }
}
