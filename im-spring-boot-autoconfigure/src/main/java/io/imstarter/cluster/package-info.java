/** The cluster's transport-neutral parts: node settings, the messages nodes exchange and pending remote requests. */
package io.imstarter.cluster;
