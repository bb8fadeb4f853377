package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where the IM gateways listen, so that a browser can open the WebSocket gateway itself. */
@Schema(description = "The IM server's bound gateway ports; null for a disabled gateway")
record ImEndpoints(@Schema(example = "3000") Integer websocketPort,
        @Schema(example = "/websocket") String websocketPath,
        @Schema(example = "8901") Integer tcpPort, @Schema(example = "7901") Integer udpPort) {
}
