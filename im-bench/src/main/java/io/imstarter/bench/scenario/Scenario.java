package io.imstarter.bench.scenario;

import io.imstarter.bench.report.RunReport;

/** One benchmark scenario: runs to completion by itself, bounded in count and time, and reports its figures. */
public interface Scenario {

    RunReport run() throws Exception;
}
