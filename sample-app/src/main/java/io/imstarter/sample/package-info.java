/** The sample application: an IM server with embedded clients, a REST API, Swagger UI and a browser chat page. */
package io.imstarter.sample;
