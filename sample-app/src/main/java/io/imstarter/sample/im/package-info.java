/** The sample's IM hooks: event listeners and the embedded clients' inboxes. */
package io.imstarter.sample.im;
