package io.imstarter.sample.api;

import io.imstarter.receipt.ImReadState;
import io.imstarter.server.ReceiptSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read state ({@code im.receipts.*}): the token's user's unread messages, derived from sequence numbers and read
 * pointers, and how clients send read receipts. Receipts themselves travel on the wire (the chat page sends them as
 * messages are shown); a group message's read count is under {@code /api/groups}.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Read state", description = "Unread counts and read receipts: one forward-only read pointer per user"
        + " and conversation, moved by receipts on the wire (a type 2 to \"0\" with im.receipts.typeu).")
class ReadStateController {

    private final ObjectProvider<ImReadState> readState;
    private final ObjectProvider<ReceiptSettings> settings;

    ReadStateController(ObjectProvider<ImReadState> readState, ObjectProvider<ReceiptSettings> settings) {
        this.readState = readState;
        this.settings = settings;
    }

    @GetMapping("/unread")
    @Operation(summary = "The token's user's unread messages", description = "Per conversation (a peer's user id or"
            + " a group's address) and in total, each capped at im.receipts.max-unread-count; the user's own"
            + " messages never count.")
    @ApiResponse(responseCode = "200", description = "The counts; no conversations when everything is read")
    @ApiResponse(responseCode = "503", description = "Read state is off (no database)")
    UnreadView unread(Authentication caller) {
        ImReadState state = readState.getIfAvailable();
        if (state == null) {
            throw ApiException.unavailable("Read state is off: it needs the application's database");
        }
        return UnreadView.of(state.unread(caller.getName()));
    }

    @GetMapping("/receipts")
    @Operation(summary = "How to send read receipts", description = "Whether the IM server takes them, and their"
            + " typeu.")
    ReceiptsView receipts() {
        ReceiptSettings receipts = settings.getIfAvailable(ReceiptSettings::new);
        return new ReceiptsView(receipts.isEnabled(), receipts.getTypeu());
    }
}
