package io.imstarter.sample.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hands out tokens for user names and passwords. */
@RestController
@RequestMapping("/api")
@Tag(name = "Authentication", description = "Get a token here, then press Authorize and paste it.")
class TokenController {

    private final Tokens tokens;

    TokenController(Tokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/token")
    @SecurityRequirements
    @Operation(summary = "Get a token for a user name and password",
            description = "Checks the password against the user table; the first login of a new name registers it"
                    + " (demo convenience, registered = true). The token is a JWT signed with the IM server's"
                    + " im.server.auth.jwt.secret: send it as 'Authorization: Bearer <token>' to this API, and as"
                    + " the loginToken of an IM login (chat page, stock MobileIMSDK clients).")
    @ApiResponse(responseCode = "200", description = "The token")
    @ApiResponse(responseCode = "400", description = "Bad parameters, or a new name with a too short password")
    @ApiResponse(responseCode = "401", description = "Wrong password for an existing user")
    @ApiResponse(responseCode = "403", description = "A new name, but registration is closed (sample.max-users)")
    TokenResponse token(@JsonOrParams Credentials request) {
        return tokens.issue(request);
    }
}
