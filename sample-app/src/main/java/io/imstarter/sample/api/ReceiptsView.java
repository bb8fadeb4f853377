package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** How clients send read receipts to this server. */
@Schema(description = "Read receipts on the wire: a QoS type 2 to \"0\" with this typeu (wire protocol section 14)")
record ReceiptsView(
        @Schema(description = "Whether the server takes read receipts (im.receipts.enabled)") boolean enabled,
        @Schema(description = "The typeu of receipts and of the read notices the server pushes", example = "1000")
        int typeu) {
}
