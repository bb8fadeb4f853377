package io.imstarter.sample.users;

import io.imstarter.sample.SampleProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes the admin account of {@code sample.admin.*} to the database at startup, before the web server accepts
 * requests, so nobody can register the admin's name first. The configured password always wins over a stored one.
 * The public demo password is tolerated (with a loud warning) only while HTTP listens on a loopback address.
 */
@Component
class AdminAccount implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final UserAccounts accounts;
    private final SampleProperties.Admin admin;
    private final String httpAddress;

    AdminAccount(UserAccounts accounts, SampleProperties properties,
            @Value("${server.address:}") String httpAddress) {
        this.accounts = accounts;
        this.admin = properties.admin();
        this.httpAddress = httpAddress;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (admin.usesDemoPassword() && !isLoopback(httpAddress)) {
            throw new IllegalStateException("The admin account '" + admin.username() + "' has the public demo"
                    + " password, and HTTP listens beyond this machine (server.address="
                    + (httpAddress.isBlank() ? "all interfaces" : httpAddress) + "). Set sample.admin.password (or"
                    + " SAMPLE_ADMIN_PASSWORD) to a password of your own.");
        }
        accounts.saveAdmin(admin.username(), admin.password());
        if (admin.usesDemoPassword()) {
            log.warn("""

                    ****************************************************************************************
                    The admin account '{}' has the PUBLIC DEMO PASSWORD '{}'. Anyone who can reach this
                    application can push, kick and list every user's address. Set sample.admin.password
                    (or SAMPLE_ADMIN_PASSWORD) before exposing it beyond this machine: the sample refuses
                    to start with this password on any address other than loopback.
                    ****************************************************************************************""",
                    admin.username(), SampleProperties.Admin.DEMO_PASSWORD);
        } else {
            log.info("Admin account '{}' is ready", admin.username());
        }
    }

    private static boolean isLoopback(String address) {
        if (address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException unresolvable) {
            return false;
        }
    }
}
