/** The sample's REST API under {@code /api}, its request validation, problem details and OpenAPI description. */
package io.imstarter.sample.api;
