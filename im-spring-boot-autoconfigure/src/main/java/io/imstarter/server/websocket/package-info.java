/** The WebSocket gateway: RFC 6455 on one path, one text message per JSON packet. */
package io.imstarter.server.websocket;
