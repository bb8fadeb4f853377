package io.imstarter.sample.users;

/** The first login of a new name could not register it; the message says why. */
public class RegistrationRefusedException extends RuntimeException {

    private final boolean full;

    private RegistrationRefusedException(String message, boolean full) {
        super(message);
        this.full = full;
    }

    static RegistrationRefusedException weakPassword(int minLength) {
        return new RegistrationRefusedException("A new user needs a password of at least " + minLength
                + " characters", false);
    }

    static RegistrationRefusedException full(int maxUsers) {
        return new RegistrationRefusedException("Registration is closed: the sample holds its maximum of " + maxUsers
                + " users (sample.max-users)", true);
    }

    /** Whether the table is full (otherwise the password was too weak to register). */
    public boolean full() {
        return full;
    }
}
