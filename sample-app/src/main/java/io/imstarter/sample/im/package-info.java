/** The sample's IM hooks: the demo login rule, event listeners and the embedded clients' inboxes. */
package io.imstarter.sample.im;
