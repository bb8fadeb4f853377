/** Test support: raw wire-protocol clients, callback recorders, and ImServerExtension, which runs a real ImServer. */
package io.imstarter.testsupport;
