package io.imstarter.sample.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imstarter.sample.SampleProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.security.authentication.BadCredentialsException;

/** The user table on a real in-memory H2 database with the sample's own schema script. */
class UserAccountsTest {

    private static final int MAX_USERS = 3;

    private final JdbcClient jdbc = JdbcClient.create(database());
    private final UserAccounts accounts = new UserAccounts(jdbc, new SampleProperties(Duration.ofSeconds(1), 10, 10,
            MAX_USERS, new SampleProperties.Admin("admin", "admin-password")));
    private final ExecutorService threads = Executors.newFixedThreadPool(6);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void theFirstSignInRegistersAUserAndLaterOnesMustMatchItsPassword() {
        assertThat(accounts.signIn("alice", "alice-password")).isEqualTo(new SignIn("alice", Role.USER, true));
        assertThat(accounts.signIn("alice", "alice-password")).isEqualTo(new SignIn("alice", Role.USER, false));
        assertThatThrownBy(() -> accounts.signIn("alice", "guessed-password"))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("alice");
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        accounts.signIn("bob", "bob-password");

        String hash = jdbc.sql("SELECT password_hash FROM users WHERE username = 'bob'").query(String.class).single();
        assertThat(hash).startsWith("$2a$").doesNotContain("bob-password");
    }

    @Test
    void aNewNameNeedsALongEnoughPasswordAndAFreePlace() {
        assertThatThrownBy(() -> accounts.signIn("carol", "short")).isInstanceOf(RegistrationRefusedException.class)
                .hasMessageContaining("at least " + UserAccounts.MIN_NEW_PASSWORD_LENGTH)
                .satisfies(refused -> assertThat(((RegistrationRefusedException) refused).full()).isFalse());
        for (int i = 0; i < MAX_USERS; i++) {
            accounts.signIn("user" + i, "long-enough");
        }

        assertThatThrownBy(() -> accounts.signIn("one-too-many", "long-enough"))
                .isInstanceOf(RegistrationRefusedException.class)
                .satisfies(refused -> assertThat(((RegistrationRefusedException) refused).full()).isTrue());
        assertThat(accounts.role("one-too-many")).isEmpty();
        assertThat(accounts.signIn("user0", "long-enough").registered()).isFalse();
    }

    @Test
    void theAdminAccountTakesTheConfiguredPasswordAndRoleOverAnExistingUser() {
        accounts.signIn("root", "registered-first");

        accounts.saveAdmin("root", "configured-password");
        accounts.saveAdmin("boss", "boss-password");

        assertThat(accounts.signIn("root", "configured-password")).isEqualTo(new SignIn("root", Role.ADMIN, false));
        assertThatThrownBy(() -> accounts.signIn("root", "registered-first"))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(accounts.role("boss")).contains(Role.ADMIN);
    }

    @Test
    void concurrentFirstLoginsOfOneNameRegisterItOnceAndTheWinnersPasswordDecides() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<SignIn>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String password = "password-" + i;
            attempts.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(start);
                return accounts.signIn("contested", password);
            }, threads));
        }
        start.countDown();
        CompletableFuture.allOf(attempts.stream().map(a -> a.exceptionally(failure -> null))
                .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        List<SignIn> succeeded = attempts.stream().filter(a -> !a.isCompletedExceptionally()).map(a -> a.getNow(null))
                .toList();
        assertThat(succeeded).hasSize(1).allSatisfy(signIn -> assertThat(signIn.registered()).isTrue());
        assertThat(attempts.stream().filter(CompletableFuture::isCompletedExceptionally))
                .allSatisfy(failed -> assertThatThrownBy(failed::join).hasCauseInstanceOf(BadCredentialsException.class));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Integer.class).single()).isEqualTo(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static JdbcDataSource database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:users-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("db/users.sql")).execute(dataSource);
        return dataSource;
    }
}
