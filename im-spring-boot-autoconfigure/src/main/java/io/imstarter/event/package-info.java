/** Immutable Spring application events for IM server and embedded client notifications. */
package io.imstarter.event;
