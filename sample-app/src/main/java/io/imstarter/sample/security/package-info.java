/** The sample's HTTP security: bearer JWTs signed with the IM token secret, roles from the user table. */
package io.imstarter.sample.security;
