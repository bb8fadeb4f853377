package io.imstarter.benchapp;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code postgres} profile: a real PostgreSQL started from Maven-shipped binaries for the run, behind the same
 * pooled DataSource an application would configure with {@code spring.datasource.*}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("postgres")
class EmbeddedPostgresDatabase {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        return EmbeddedPostgres.builder().start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create().url(postgres.getJdbcUrl("postgres", "postgres")).username("postgres")
                .password("postgres").build();
    }
}
