package io.imstarter.benchapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The starter as an application deploys it, for the benchmarks: token login with a known secret, the JDBC message
 * store (an H2 file, or with the {@code postgres} profile an embedded PostgreSQL), Spring events with a listener,
 * end-to-end ACKs. Only the limits that a load generator on one address trips over are raised (application.yml).
 */
@SpringBootApplication
public class DeployedTargetApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeployedTargetApplication.class, args);
    }
}
