/** Run reports: the human table, the one-line JSON record and the Markdown summary of many runs. */
package io.imstarter.bench.report;
