package io.imstarter.sample.users;

import io.imstarter.sample.SampleProperties;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The {@code users} table ({@code db/users.sql}): names, BCrypt password hashes and roles. The first sign-in of an
 * unknown name registers it with that password (a demo convenience); every later sign-in must match it.
 */
@Component
public class UserAccounts {

    /** The shortest password a new account may have; existing accounts are only compared. */
    public static final int MIN_NEW_PASSWORD_LENGTH = 8;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords = new BCryptPasswordEncoder();
    private final int maxUsers;

    public UserAccounts(JdbcClient jdbc, SampleProperties properties) {
        this.jdbc = jdbc;
        this.maxUsers = properties.maxUsers();
    }

    /**
     * Checks the password of an existing user, or registers an unknown name as a {@link Role#USER} with it.
     *
     * @throws BadCredentialsException when the user exists and the password does not match
     * @throws RegistrationRefusedException when a new name cannot be registered
     */
    public SignIn signIn(String username, String password) {
        Optional<StoredUser> stored = find(username);
        if (stored.isEmpty()) {
            if (register(username, password)) {
                return new SignIn(username, Role.USER, true);
            }
            // A concurrent first login registered the same name first: its password decides.
            stored = find(username);
        }
        StoredUser user = stored.orElseThrow(() -> new IllegalStateException("User '" + username + "' vanished"));
        if (!passwords.matches(password, user.passwordHash())) {
            throw new BadCredentialsException("Wrong password for '" + username + "'");
        }
        return new SignIn(username, user.role(), false);
    }

    /** The user's role; empty for an unknown name. */
    public Optional<Role> role(String username) {
        return find(username).map(StoredUser::role);
    }

    /** Creates or updates the account as an {@link Role#ADMIN} with this password; not bound by the user limit. */
    public void saveAdmin(String username, String password) {
        String hash = passwords.encode(password);
        int updated = jdbc.sql("UPDATE users SET password_hash = :hash, role = 'ADMIN' WHERE username = :username")
                .param("hash", hash).param("username", username).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO users (username, password_hash, role) VALUES (:username, :hash, 'ADMIN')")
                    .param("username", username).param("hash", hash).update();
        }
    }

    /** True when registered; false when the name was taken meanwhile. */
    private boolean register(String username, String password) {
        if (password.length() < MIN_NEW_PASSWORD_LENGTH) {
            throw RegistrationRefusedException.weakPassword(MIN_NEW_PASSWORD_LENGTH);
        }
        try {
            // The insert counts for itself, so the limit holds up to the few registrations running at the same time.
            int inserted = jdbc.sql("INSERT INTO users (username, password_hash, role) SELECT :username, :hash, :role"
                            + " FROM (SELECT COUNT(*) AS registered FROM users) counted WHERE counted.registered < :max")
                    .param("username", username).param("hash", passwords.encode(password))
                    .param("role", Role.USER.name()).param("max", maxUsers).update();
            if (inserted == 0) {
                throw RegistrationRefusedException.full(maxUsers);
            }
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    private Optional<StoredUser> find(String username) {
        return jdbc.sql("SELECT password_hash, role FROM users WHERE username = :username")
                .param("username", username)
                .query((row, index) -> new StoredUser(row.getString("password_hash"),
                        Role.valueOf(row.getString("role"))))
                .optional();
    }

    private record StoredUser(String passwordHash, Role role) {
    }
}
