package io.imstarter.server.netty;

/**
 * Fired by the {@link OutboundBackpressureHandler} when a channel has stayed above its high-water mark for the
 * slow-consumer timeout; the packet handler closes the connection on it.
 *
 * @param pendingBytes the bytes still waiting to be written
 */
record SlowConsumerEvent(long pendingBytes) {
}
