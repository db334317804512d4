package io.edakit.routes.support;

import java.util.Optional;

import io.edakit.jdbc.StoreDataSource;
import org.apache.camel.CamelContext;

/** Finds the application's DataSource for the JDBC stores, where it bound one (the Spring Boot starter does). */
public final class StoreDataSources {

    private StoreDataSources() {
    }

    public static Optional<StoreDataSource> of(CamelContext context) {
        return Optional.ofNullable(context.getRegistry().lookupByNameAndType(StoreDataSource.BEAN, StoreDataSource.class));
    }
}
