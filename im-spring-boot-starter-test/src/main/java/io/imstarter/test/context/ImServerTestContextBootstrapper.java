package io.imstarter.test.context;

import io.imstarter.test.ImServerTest;
import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Reads {@link ImServerTest#properties()} into the test's environment, as Boot's slices do. */
public final class ImServerTestContextBootstrapper extends TestSliceTestContextBootstrapper<ImServerTest> {
}
