package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;

/** What became of a sent message within the sample's bounded wait. */
@Schema(description = "What became of the message within the sample's wait (sample.ack-wait, 3 s by default)")
record SendResult(
        @Schema(description = "The message id (the receiver sees it as fp); null without QoS",
                example = "f44b59ea-1c3d-4e4f-9a0b-2c3d4e5f6a7b") String fingerprint,
        @Schema(example = "alice") String from,
        @Schema(example = "bob") String to,
        @Schema(example = "true") boolean qos,
        @Schema(example = "ACKNOWLEDGED") DeliveryStatus status,
        @Schema(description = "true: ACK received (from the receiver, or from the server once it stored the message"
                + " for an offline receiver); false: lost or failed; null: still pending, or no QoS",
                example = "true", nullable = true) Boolean acknowledged,
        @Schema(example = "The receiver acknowledged the message") String detail) {

    static SendResult of(String fingerprint, String from, String to, boolean qos, DeliveryStatus status,
            String detail) {
        Boolean acknowledged = switch (status) {
            case ACKNOWLEDGED, STORED -> true;
            case LOST, FAILED -> false;
            case PENDING, SENT -> null;
        };
        return new SendResult(fingerprint, from, to, qos, status, acknowledged, detail);
    }

    /** A send that completed within the wait: acknowledged with QoS, merely written without. */
    static SendResult completed(String fingerprint, String from, String to, boolean qos) {
        return qos
                ? of(fingerprint, from, to, true, DeliveryStatus.ACKNOWLEDGED, "The receiver acknowledged the message")
                : of(null, from, to, false, DeliveryStatus.SENT, "Written without QoS; nobody acknowledges it");
    }

    /** A QoS message the server stored for an offline receiver. */
    static SendResult stored(String fingerprint, String from, String to) {
        return of(fingerprint, from, to, true, DeliveryStatus.STORED, "'" + to + "' is offline: the server stored the"
                + " message and delivers it when '" + to + "' logs in");
    }

    /** A send still open after the wait. */
    static SendResult pending(String fingerprint, String from, String to, boolean qos, Duration waited) {
        return of(fingerprint, from, to, qos, DeliveryStatus.PENDING,
                "No answer within " + waited.toMillis() + " ms; QoS keeps retrying in the background");
    }
}
