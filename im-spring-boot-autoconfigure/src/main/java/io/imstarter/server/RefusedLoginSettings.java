package io.imstarter.server;

import io.imstarter.protocol.InvalidSettingException;
import java.time.Duration;

/**
 * How the server slows down and then shuts out logins that keep being refused (section 6.1), per user id and per
 * remote address. Each refusal within {@code forgetAfter} of the previous one counts; the answer to the n-th is held
 * back by {@code maxDelay * (n / limit)^2}, the longer of the user's and the address's; once a count reaches its limit,
 * further logins for that user or from that address are closed without an answer and without asking the verifier,
 * until {@code forgetAfter} has passed since the last counted refusal.
 *
 * @param maxDelay the longest an answer to a refused login is held back; zero answers at once
 * @param closeAfter refusals of one user id after which its logins are closed unanswered
 * @param closeAfterPerAddress refusals from one IP address after which its logins are closed unanswered; 0 counts no
 *        addresses (for a server behind a load balancer that hides its clients' addresses)
 * @param forgetAfter how long a user id or address must go without a refusal for its count to start again
 * @param logInterval refused logins are logged as one line for the first of each interval and one summary line of
 *        the others at its end
 */
public record RefusedLoginSettings(Duration maxDelay, int closeAfter, int closeAfterPerAddress, Duration forgetAfter,
        Duration logInterval) {

    /** The defaults, from {@link ImServerConfig}'s {@code DEFAULT_REFUSED_LOGIN_*} constants. */
    public static final RefusedLoginSettings DEFAULTS = new RefusedLoginSettings(
            ImServerConfig.DEFAULT_REFUSED_LOGIN_MAX_DELAY, ImServerConfig.DEFAULT_REFUSED_LOGIN_CLOSE_AFTER,
            ImServerConfig.DEFAULT_REFUSED_LOGIN_CLOSE_AFTER_PER_ADDRESS,
            ImServerConfig.DEFAULT_REFUSED_LOGIN_FORGET_AFTER, ImServerConfig.DEFAULT_REFUSED_LOGIN_LOG_INTERVAL);

    void validate() {
        if (maxDelay == null || maxDelay.isNegative()) {
            throw new InvalidSettingException("refusedLogins.maxDelay", maxDelay, "must be zero or more");
        }
        InvalidSettingException.requireAtLeast("refusedLogins.closeAfter", 1, closeAfter);
        InvalidSettingException.requireAtLeast("refusedLogins.closeAfterPerAddress", 0, closeAfterPerAddress);
        InvalidSettingException.requirePositive("refusedLogins.forgetAfter", forgetAfter);
        InvalidSettingException.requirePositive("refusedLogins.logInterval", logInterval);
    }
}
