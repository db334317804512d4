package io.edakit.spring.boot;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults the starter gives Spring Boot, at the lowest precedence (any property source of the
 * application overrides them):
 * <ul>
 *   <li>{@code spring.artemis.embedded.enabled=false}: edakit's embedded broker (edakit-artemis-broker,
 *       started by the channel component) puts artemis-server on the class path, which makes Boot's
 *       own embedded-Artemis configuration apply; it then fails for want of artemis-jakarta-server, and
 *       would otherwise start a second broker. Boot's Artemis client configuration stays as it is:
 *       set {@code spring.artemis.broker-url} to edakit's broker to give camel-jms its connection
 *       factory (see docs/interop.md).</li>
 * </ul>
 */
public final class EdakitEnvironmentDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "edakitDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                Map.of("spring.artemis.embedded.enabled", "false")));
    }
}
