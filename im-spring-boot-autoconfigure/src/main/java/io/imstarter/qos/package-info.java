/** QoS building blocks shared by server and client: the retransmitting send daemon and receive-side de-duplication. */
package io.imstarter.qos;
