package io.imstarter.store;

import java.time.Instant;

/**
 * What is held against a user's logins: tokens issued up to {@code revokedAt} are void (a kick, a password change),
 * and no login is accepted before {@code refuseLoginsUntil} (a kick with a duration).
 */
public record LoginRevocation(Instant revokedAt, Instant refuseLoginsUntil) {

    /** Whether a login at {@code now} is refused whatever it presents. */
    public boolean refusesLoginsAt(Instant now) {
        return now.isBefore(refuseLoginsUntil);
    }

    /**
     * Whether a token issued at {@code issuedAt} (null when it says nothing) is void. A JWT's {@code iat} has whole
     * seconds, so a token from the revocation's own second cannot be told apart from one issued just before it and
     * is void too.
     */
    public boolean voids(Instant issuedAt) {
        return issuedAt == null || issuedAt.getEpochSecond() <= revokedAt.getEpochSecond();
    }

    /** This revocation and {@code other} together: the later of each time. */
    public LoginRevocation merge(LoginRevocation other) {
        return new LoginRevocation(later(revokedAt, other.revokedAt), later(refuseLoginsUntil, other.refuseLoginsUntil));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
