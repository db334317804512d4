package io.edakit.workflow.durable;

import io.edakit.testing.SharedPostgres;

/** The durable runner on a real PostgreSQL (embedded, shared by the test JVM), a fresh database per test. */
class PostgresWorkflowRunnerTest extends WorkflowRunnerTest {

    @Override
    protected String url() {
        return SharedPostgres.newDatabase();
    }

    @Override
    protected String user() {
        return SharedPostgres.USER;
    }
}
