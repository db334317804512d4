package io.edakit.spring.boot;

import javax.sql.DataSource;

import io.edakit.config.Settings;
import io.edakit.jdbc.StoreDataSource;
import io.edakit.routes.EdakitTemplates;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * edakit in a Spring Boot application with camel-spring-boot. The {@code edakit.*} keys are read
 * where every edakit feature reads them, from Camel's properties, which camel-spring-boot fills from
 * Spring's {@link Environment} (application.properties or YAML, profiles, environment variables,
 * {@code --edakit.x=y}); nothing here copies them. What it adds:
 * <ul>
 *   <li>the route templates ({@link EdakitTemplates}, a {@code RoutesBuilder} camel-spring-boot adds),
 *       which also create the {@code channel:} component and so start its transport with the context;</li>
 *   <li>a start-up check of every edakit.* key and value before the context starts, so a bad one
 *       stops the application naming its key, and of the edakit template instances of
 *       {@code camel.routetemplate.config[N]} ({@link RouteTemplateConfigCheck});</li>
 *   <li>the application's {@link DataSource} for the JDBC stores ({@link StoreDataSource});</li>
 *   <li>with Actuator, edakit's health ({@link EdakitHealthIndicator}) and its dead letters to read
 *       ({@link EdakitEndpoint});</li>
 *   <li>with {@code edakit.spring.operator-api=true}, the operator API on Boot's HTTP server
 *       ({@link OperatorApiConfiguration}).</li>
 * </ul>
 * {@code edakit.spring.enabled=false} turns all of it off.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.apache.camel.spring.boot.CamelAutoConfiguration"})
@ConditionalOnClass(CamelContext.class)
@ConditionalOnProperty(name = "edakit.spring.enabled", havingValue = "true", matchIfMissing = true)
@Import(OperatorApiConfiguration.class)
public class EdakitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EdakitTemplates.class)
    @ConditionalOnProperty(name = "edakit.spring.templates", havingValue = "true", matchIfMissing = true)
    public EdakitTemplates edakitTemplates() {
        return new EdakitTemplates();
    }

    /**
     * Checks every edakit.* key and value before the Camel context starts (and so before the broker
     * opens a port or a journal): a bad one fails start-up naming the key, see {@link EdakitSettingsCheck}.
     */
    @Bean
    public CamelContextConfiguration edakitSettingsCheck(ConfigurableEnvironment environment) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                EdakitSettingsCheck.check(environment);
                RouteTemplateConfigCheck.check(environment);
                Settings.of(camelContext).get(SpringBootSettings.GROUP);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
    }

    /**
     * The application's DataSource for the idempotency store and the saga log, bound under the
     * name they look up (the Spring context is Camel's registry).
     */
    @Bean(StoreDataSource.BEAN)
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnProperty(name = "edakit.spring.datasource", havingValue = "true", matchIfMissing = true)
    public StoreDataSource edakitStoreDataSource(ObjectProvider<DataSource> dataSource, Environment environment) {
        boolean createTables = Boolean.parseBoolean(environment.getProperty(SpringBootSettings.CREATE_TABLES.name(),
                SpringBootSettings.CREATE_TABLES.defaultValue()).trim());
        return new StoreDataSource(dataSource.getIfUnique(), createTables);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        /** Named so that Actuator calls it {@code edakit}. */
        @Bean
        @ConditionalOnMissingBean(name = "edakitHealthIndicator")
        public EdakitHealthIndicator edakitHealthIndicator(CamelContext camelContext) {
            return new EdakitHealthIndicator(camelContext);
        }

        /** Dead letters to read, at /actuator/edakit once exposed. */
        @Bean
        @ConditionalOnMissingBean
        public EdakitEndpoint edakitEndpoint(CamelContext camelContext) {
            return new EdakitEndpoint(camelContext);
        }
    }
}
