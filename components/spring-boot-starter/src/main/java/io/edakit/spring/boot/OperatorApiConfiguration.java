package io.edakit.spring.boot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.edakit.config.SettingException;
import io.edakit.operator.OperatorApis;
import io.edakit.operator.access.OperatorRequestReader;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * The operator API ({@link OperatorApis}: dead letters and redrive, tasks, sagas, workflows, fairness,
 * event store, projections, archive and replays) on Boot's HTTP server, under the same
 * {@code /edakit/...} paths and behind the same access check as in the fat jar; with
 * {@code edakit.spring.operator-api=true}. Both beans check their prerequisites when Spring creates
 * them, which is before the HTTP server listens and before Camel starts the broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "edakit.spring.operator-api", havingValue = "true")
class OperatorApiConfiguration {

    private static final String PLATFORM_HTTP_STARTER =
            "org.apache.camel.component.platform.http.springboot.PlatformHttpMessage";

    /** How the access check reads the servlet container's request; needs camel-platform-http-starter. */
    @Bean(OperatorRequestReader.BEAN)
    OperatorRequestReader edakitOperatorRequestReader(ConfigurableEnvironment environment) {
        if (!ClassUtils.isPresent(PLATFORM_HTTP_STARTER, OperatorApiConfiguration.class.getClassLoader())) {
            throw new SettingException(SpringBootSettings.OPERATOR_API.name(), "true needs Boot's HTTP server for "
                    + "Camel's platform-http: add org.apache.camel.springboot:camel-platform-http-starter");
        }
        OperatorApiToken.check(environment);
        return new ServletRequestReader();
    }

    /** The APIs' routes, which camel-spring-boot adds to its context like the application's own. */
    @Bean
    RoutesBuilder edakitOperatorApis() {
        return new AllOf(OperatorApis.routes());
    }

    /** Several route builders as the one bean camel-spring-boot collects. */
    private record AllOf(List<RoutesBuilder> builders) implements RoutesBuilder {

        @Override
        public void addRoutesToCamelContext(CamelContext context) throws Exception {
            for (RoutesBuilder builder : builders) {
                builder.addRoutesToCamelContext(context);
            }
        }

        @Override
        public void addTemplatedRoutesToCamelContext(CamelContext context) throws Exception {
            for (RoutesBuilder builder : builders) {
                builder.addTemplatedRoutesToCamelContext(context);
            }
        }

        @Override
        public Set<String> updateRoutesToCamelContext(CamelContext context) throws Exception {
            Set<String> updated = new LinkedHashSet<>();
            for (RoutesBuilder builder : builders) {
                updated.addAll(builder.updateRoutesToCamelContext(context));
            }
            return updated;
        }
    }
}
