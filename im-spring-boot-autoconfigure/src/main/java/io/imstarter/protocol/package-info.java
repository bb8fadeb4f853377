/** The MobileIMSDK v6 wire protocol: envelope, type codes, payloads, codec and error codes (no Netty, no Spring). */
package io.imstarter.protocol;
