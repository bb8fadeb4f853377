/** The JDBC message store on Spring's {@code JdbcClient}, with schema scripts for H2, PostgreSQL and MySQL/MariaDB. */
package io.imstarter.store.jdbc;
