package io.edakit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/**
 * The channel component's Camel metadata, where Camel's tooling reads it (what {@code camel doc},
 * IDE plugins and the catalog use): every option of the endpoint and every header
 * it documents is listed, and Camel finds the generated configurers. An option added without
 * regenerating (see components/core/pom.xml, profile camel-metadata) fails here.
 */
class ChannelComponentMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGeneratedJsonListsEveryOptionAndHeader() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            // where Camel's tooling (camel-catalog, camel doc, the JBang and IDE plugins) looks for a
            // component's schema: META-INF/<the component class's package>/<scheme>.json
            String path = "META-INF/" + ChannelComponent.class.getPackageName().replace('.', '/') + "/channel.json";
            JsonNode schema;
            try (java.io.InputStream in = context.getClassResolver().loadResourceAsStream(path)) {
                assertThat(in).as(path).isNotNull();
                schema = JSON.readTree(in);
            }
            assertThat(schema.path("component").path("scheme").asText()).isEqualTo("channel");
            assertThat(schema.path("component").path("syntax").asText()).isEqualTo("channel:name");
            List<String> options = Arrays.stream(ChannelEndpoint.class.getDeclaredFields())
                    .filter(field -> field.isAnnotationPresent(UriParam.class)).map(Field::getName).toList();
            assertThat(options).contains("group", "concurrentConsumers", "maxInFlight", "persistent", "requestTimeout");
            for (String option : options) {
                JsonNode property = schema.path("properties").path(option);
                assertThat(property.isObject()).as("option " + option + " in channel.json").isTrue();
                assertThat(property.path("description").asText()).as(option).isNotBlank();
            }
            assertThat(schema.path("properties").path("name").path("kind").asText()).isEqualTo("path");
            assertThat(schema.path("properties").path("name").path("required").asBoolean()).isTrue();
            assertThat(schema.path("componentProperties").path("transport").isObject()).isTrue();

            List<String> headers = Arrays.stream(ChannelHeaders.class.getDeclaredFields())
                    .filter(field -> field.isAnnotationPresent(Metadata.class)).map(field -> constant(field)).toList();
            assertThat(headers).contains(ChannelHeaders.KEY, ChannelHeaders.DELIVERY_COUNT);
            for (String header : headers) {
                assertThat(schema.path("headers").path(header).path("description").asText()).as("header " + header)
                        .isNotBlank();
            }
        }
    }

    @Test
    void camelFindsTheGeneratedConfigurers() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThat(PluginHelper.getConfigurerResolver(context).resolvePropertyConfigurer("channel-endpoint", context))
                    .isInstanceOf(ChannelEndpointConfigurer.class);
            assertThat(PluginHelper.getConfigurerResolver(context).resolvePropertyConfigurer("channel-component", context))
                    .isInstanceOf(ChannelComponentConfigurer.class);
        }
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
