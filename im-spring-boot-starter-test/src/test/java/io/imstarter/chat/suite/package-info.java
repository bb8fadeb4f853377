/** Five test classes of one configuration: one context start between them, and no connection left after a test. */
package io.imstarter.chat.suite;
