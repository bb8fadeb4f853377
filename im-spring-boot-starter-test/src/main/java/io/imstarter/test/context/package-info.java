/** How the test annotations reach Spring's TestContext framework and JUnit: defaults, auto-configuration, extension. */
package io.imstarter.test.context;
