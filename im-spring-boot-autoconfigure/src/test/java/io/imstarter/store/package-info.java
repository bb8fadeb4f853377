/** The message store contract, run against every store implementation. */
package io.imstarter.store;
