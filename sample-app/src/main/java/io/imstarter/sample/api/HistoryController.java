package io.imstarter.sample.api;

import io.imstarter.store.MessageStore;
import io.imstarter.store.StoredMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads conversations from the starter's message store, page by page. */
@RestController
@RequestMapping("/api")
@Tag(name = "History", description = "Conversations kept in the message store (im.store.*): messages stored for"
        + " offline receivers and, recorded by this sample, messages delivered live; kept for im.store.max-age.")
class HistoryController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final ObjectProvider<MessageStore> store;

    HistoryController(ObjectProvider<MessageStore> store) {
        this.store = store;
    }

    @GetMapping("/history/{user}/{peer}")
    @Operation(summary = "Read a conversation, newest first", description = "The messages between 'user' and 'peer'"
            + " in both directions, newest first, at most 'limit' (1 to 200, default 50). For older messages pass the"
            + " answer's nextBefore as 'before'; nextBefore is null on the last page. 'user' must be the token's"
            + " user; the ADMIN role may read anyone's conversations.")
    @ApiResponse(responseCode = "200", description = "A page, possibly empty")
    @ApiResponse(responseCode = "400", description = "'limit' or 'before' out of range (field errors listed)")
    @ApiResponse(responseCode = "403", description = "'user' is not the token's user, and the token is not an"
            + " admin's")
    @ApiResponse(responseCode = "503", description = "The message store is off (im.store.enabled=false)")
    HistoryPage history(@Parameter(example = "alice") @PathVariable String user,
            @Parameter(example = "bob") @PathVariable String peer,
            @Parameter(description = "Only messages older than this id (a previous page's nextBefore); the newest"
                    + " when left out", example = "4711") @RequestParam(required = false) Long before,
            @Parameter(description = "The most messages to return, 1 to 200", example = "50")
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            Authentication caller) {
        Caller.mayRead(caller, "user", user);
        FieldChecks checks = new FieldChecks();
        if (limit < 1 || limit > MAX_LIMIT) {
            checks.reject("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (before != null && before < 1) {
            checks.reject("before", "must be a message id (1 or more), got " + before);
        }
        checks.validate();
        MessageStore messages = store.getIfAvailable();
        if (messages == null) {
            throw ApiException.unavailable("The message store is off (im.store.enabled=false): no history is kept");
        }
        // One more than asked tells whether an older page exists.
        List<StoredMessage> found = messages.history(user, peer, before == null ? Long.MAX_VALUE : before,
                limit + 1);
        List<HistoryMessage> page = found.stream().limit(limit).map(HistoryMessage::of).toList();
        Long nextBefore = found.size() > limit ? page.get(limit - 1).id() : null;
        return new HistoryPage(user, peer, page, nextBefore);
    }
}
