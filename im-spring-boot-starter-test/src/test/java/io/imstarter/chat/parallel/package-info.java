/**
 * Two test classes that JUnit runs at the same time, each with its own context and IM server: no fixed port, so no
 * clash. They wait for each other, so they fail rather than pass unnoticed when not run in parallel.
 */
package io.imstarter.chat.parallel;
