package io.edakit.spring.boot;

import java.util.List;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;

/**
 * The starter's own keys, declared like every edakit setting (so the configuration metadata lists
 * them with the others). Spring reads enabled, templates, datasource and operator-api in its conditions; the group
 * reads all, so a bad value stops start-up naming the key.
 *
 * @param templates    whether edakit's route templates are added to the Camel context
 * @param dataSource   whether the JDBC stores use the application's DataSource bean
 * @param createTables whether the JDBC stores create their tables in that DataSource
 * @param operatorApi  whether the operator API is served on Boot's HTTP server
 */
public record SpringBootSettings(boolean templates, boolean dataSource, boolean createTables, boolean operatorApi) {

    /** Read by Spring's condition only (when false nothing of the starter exists to read the rest). */
    public static final ParameterSpec ENABLED = ParameterSpec.builder("edakit.spring.enabled", ParameterType.BOOLEAN)
            .defaultValue(true)
            .description("Whether the starter configures edakit at all (templates, start-up check, DataSource, health).")
            .example(false).build();

    public static final ParameterSpec TEMPLATES = ParameterSpec.builder("edakit.spring.templates", ParameterType.BOOLEAN)
            .defaultValue(true)
            .description("Adds edakit's route templates to the Camel context, so camel.routetemplate.config[...] "
                    + "(or templatedRoute in YAML) can instantiate them; the channel: component is there either way.")
            .example(false).build();

    public static final ParameterSpec DATA_SOURCE = ParameterSpec.builder("edakit.spring.datasource", ParameterType.BOOLEAN)
            .defaultValue(true)
            .description("Whether the JDBC stores (edakit.idempotency.store=jdbc, the saga log) use the application's "
                    + "DataSource bean (H2 or PostgreSQL) instead of their own pool on edakit.idempotency.jdbc-url and "
                    + "edakit.saga.jdbc-url. Without a DataSource bean, those URLs are used.")
            .example(false).build();

    public static final ParameterSpec CREATE_TABLES = ParameterSpec.builder("edakit.spring.create-tables",
                    ParameterType.BOOLEAN)
            .defaultValue(true)
            .description("Whether the JDBC stores create their tables in the application's DataSource if missing. "
                    + "With false they only check that the tables exist, at start-up: create them with the DDL "
                    + "shipped in the starter (edakit/ddl/postgresql.sql, edakit/ddl/h2.sql).")
            .example(false).build();

    public static final ParameterSpec OPERATOR_API = ParameterSpec.builder("edakit.spring.operator-api",
                    ParameterType.BOOLEAN)
            .defaultValue(false)
            .description("Serves edakit's operator API (/edakit/dlq, /edakit/tasks, /edakit/sagas, /edakit/workflows, "
                    + "/edakit/fairness, /edakit/event-store, /edakit/projections, /edakit/archives, /edakit/replays) "
                    + "on Boot's HTTP server, with camel-platform-http-starter on the class path. Needs edakit.http.token "
                    + "(at least 16 characters): start-up fails without it.")
            .example(true).build();

    public static final SettingGroup<SpringBootSettings> GROUP = SettingGroup.of("Spring Boot",
            List.of(ENABLED, TEMPLATES, DATA_SOURCE, CREATE_TABLES, OPERATOR_API), SpringBootSettings::read);

    public static SpringBootSettings read(SettingSource source) {
        return new SpringBootSettings(source.bool(TEMPLATES), source.bool(DATA_SOURCE), source.bool(CREATE_TABLES),
                source.bool(OPERATOR_API));
    }
}
