package io.imstarter.benchapp;

import org.springframework.test.context.ActiveProfiles;

/** The deployed target with the {@code postgres} profile: the same behaviour on a real, embedded PostgreSQL. */
@ActiveProfiles("postgres")
class DeployedTargetOnPostgresIT extends DeployedTarget {

    @Override
    String expectedDatabase() {
        return "PostgreSQL";
    }
}
