/** Tests of the code base itself: package dependencies. */
package io.imstarter.architecture;
