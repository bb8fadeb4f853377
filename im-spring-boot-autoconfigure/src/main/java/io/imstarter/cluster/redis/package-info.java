/** The cluster on Redis through Spring Data Redis: presence with TTLs, Lua scripts, one Pub/Sub channel per node. */
package io.imstarter.cluster.redis;
