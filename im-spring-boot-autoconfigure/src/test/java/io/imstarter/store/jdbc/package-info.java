/** The JDBC message store against real H2 and PostgreSQL databases. */
package io.imstarter.store.jdbc;
