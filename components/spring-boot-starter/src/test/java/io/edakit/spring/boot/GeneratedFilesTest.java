package io.edakit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.idempotency.IdempotencyDatabase;
import io.edakit.jdbc.SqlDialect;
import io.edakit.saga.JdbcSagaLog;
import io.edakit.transport.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;

/**
 * The files the starter ships that are generated from edakit's declarations, so they can never
 * disagree with the code: Spring Boot's configuration metadata (IDE completion of edakit.* keys in
 * application.properties and YAML) from the setting groups, and the DDL for DBAs from the stores'
 * own statements. Fails when a shipped file differs; {@code -Dedakit.generated.write=true} rewrites them:
 * {@code mvn -pl components/spring-boot-starter -am test -Dtest=GeneratedFilesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dedakit.generated.write=true}.
 */
class GeneratedFilesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path METADATA = RESOURCES.resolve("META-INF/spring-configuration-metadata.json");

    @Test
    void configurationMetadataListsEveryDeclaredKey() throws IOException {
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metadata()) + "\n";
        compare(METADATA, json);
        assertThat(json).contains("\"edakit.transport\"", "\"edakit.kafka.bootstrap-servers\"",
                "\"edakit.idempotency.store\"", "\"edakit.spring.create-tables\"");
    }

    @Test
    void ddlIsTheStoresOwnStatements() throws IOException {
        for (SqlDialect dialect : SqlDialect.values()) {
            compare(RESOURCES.resolve("edakit/ddl/" + dialect.name().toLowerCase(Locale.ROOT) + ".sql"), ddl(dialect));
        }
    }

    static Map<String, Object> metadata() {
        List<Map<String, Object>> groups = new ArrayList<>();
        List<Map<String, Object>> properties = new ArrayList<>();
        List<Map<String, Object>> hints = new ArrayList<>();
        for (SettingGroup<?> group : EdakitSettingGroups.ALL) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", commonPrefix(group.keys()));
            entry.put("description", group.title() + " settings of edakit.");
            groups.add(entry);
            for (ParameterSpec spec : group.keys()) {
                properties.add(property(spec));
                if (!spec.allowedValues().isEmpty()) {
                    Map<String, Object> hint = new LinkedHashMap<>(); // not Map.of: its order changes from JVM to JVM
                    hint.put("name", spec.name());
                    hint.put("values", spec.allowedValues().stream().map(value -> Map.of("value", value)).toList());
                    hints.add(hint);
                }
            }
        }
        Map<String, Object> passThrough = new LinkedHashMap<>();
        passThrough.put("name", KafkaSettings.PASS_THROUGH_PREFIX.substring(0, KafkaSettings.PASS_THROUGH_PREFIX.length() - 1));
        passThrough.put("type", "java.util.Map<java.lang.String,java.lang.String>");
        passThrough.put("description", "Kafka client properties passed through to edakit's producers, consumers and admin "
                + "clients (security.protocol, sasl.mechanism ...); secret values are masked in logs.");
        properties.add(passThrough);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("groups", groups);
        metadata.put("properties", properties);
        metadata.put("hints", hints);
        return metadata;
    }

    private static Map<String, Object> property(ParameterSpec spec) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", spec.name());
        entry.put("type", javaType(spec.type()));
        String description = spec.description();
        if (spec.bounds() != null) {
            description += " Range: " + spec.bounds().describe() + ".";
        }
        entry.put("description", description);
        if (spec.defaultValue() != null && !spec.defaultValue().isEmpty() && !spec.secret()) {
            entry.put("defaultValue", switch (spec.type()) {
                case BOOLEAN -> Boolean.parseBoolean(spec.defaultValue());
                case INTEGER -> Long.parseLong(spec.defaultValue());
                default -> spec.defaultValue();
            });
        }
        return entry;
    }

    private static String javaType(ParameterType type) {
        return switch (type) {
            case INTEGER -> "java.lang.Integer";
            case NUMBER -> "java.lang.Double";
            case BOOLEAN -> "java.lang.Boolean";
            // durations stay text: edakit's 7d and 30s are its own syntax, checked at start-up
            default -> "java.lang.String";
        };
    }

    private static String commonPrefix(List<ParameterSpec> keys) {
        String prefix = keys.get(0).name();
        for (ParameterSpec spec : keys) {
            while (!spec.name().startsWith(prefix)) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
        }
        int dot = prefix.lastIndexOf('.');
        return dot > 0 ? prefix.substring(0, dot) : prefix;
    }

    static String ddl(SqlDialect dialect) {
        StringBuilder sql = new StringBuilder("-- edakit's tables for ").append(dialect.name().toLowerCase(Locale.ROOT))
                .append(", generated from the stores' own statements (GeneratedFilesTest). Run it once as a\n")
                .append("-- user that may create tables, then start the application with edakit.spring.create-tables=false.\n")
                .append("-- Every statement creates only what is missing, so running it again is harmless.\n");
        sql.append("\n-- ").append(IdempotencyDatabase.PURPOSE).append(" (edakit.idempotency.store=jdbc)\n");
        IdempotencyDatabase.ddl(dialect).forEach(statement -> sql.append(statement).append(";\n"));
        sql.append("\n-- ").append(JdbcSagaLog.PURPOSE).append(" (saga template, EdakitSagaService)\n");
        JdbcSagaLog.ddl(dialect).forEach(statement -> sql.append(statement).append(";\n"));
        return sql.toString();
    }

    private static void compare(Path file, String expected) throws IOException {
        if (Boolean.getBoolean("edakit.generated.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as(file + " exists (regenerate with -Dedakit.generated.write=true)").isTrue();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file + " is generated from the declarations; "
                + "regenerate with -Dedakit.generated.write=true").isEqualTo(expected);
    }
}
