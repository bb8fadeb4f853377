/**
 * Tests (tagged optional-dependencies) that need the optional dependencies of the test artifact on the class path (Spring Data Redis, Spring
 * Security's JOSE support); the other tests run without them, as a fresh application would (see the pom).
 */
package io.imstarter.chat.optional;
