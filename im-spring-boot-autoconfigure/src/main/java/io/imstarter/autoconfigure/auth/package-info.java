/** Token login: a JWT login verifier and token issuer, active when Spring Security's JOSE support is present. */
package io.imstarter.autoconfigure.auth;
