/** Test support: raw wire-protocol clients per transport, recorders of server and client callbacks, and ImServerExtension, the one way tests run a real ImServer. */
package io.imstarter.testsupport;
