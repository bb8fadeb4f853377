/** The TCP gateway: 4-byte length-prefixed frames carrying one JSON packet each. */
package io.imstarter.server.tcp;
