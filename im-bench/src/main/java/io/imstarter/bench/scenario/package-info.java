/** The benchmark scenarios: connections, c2c, login-storm and s2c, each bounded in count and time. */
package io.imstarter.bench.scenario;
