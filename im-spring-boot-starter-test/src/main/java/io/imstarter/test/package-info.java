/** Test support for applications on the IM starter: annotations, test clients, assertions and the cluster helper. */
package io.imstarter.test;
