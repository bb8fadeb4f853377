/** Test support: raw wire-protocol clients per transport and a JUnit extension running a real ImServer. */
package io.imstarter.testsupport;
