/** Auto-configuration of the JDBC message store, its schema, expiry, offline handler, health and meters. */
package io.imstarter.autoconfigure.store;
