/** Spring Boot auto-configuration of the IM server, embedded clients and event publishing. */
package io.imstarter.autoconfigure;
