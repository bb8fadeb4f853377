/** Micrometer meters of the IM server and event publishing, active when Micrometer is present. */
package io.imstarter.autoconfigure.metrics;
