package io.imstarter.sample.users;

import io.imstarter.sample.SampleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Writes the admin account of {@code sample.admin.*} to the database at startup, before the web server accepts
 * requests, so nobody can register the admin's name first. The configured password always wins over a stored one.
 */
@Component
class AdminAccount implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final UserAccounts accounts;
    private final SampleProperties.Admin admin;

    AdminAccount(UserAccounts accounts, SampleProperties properties) {
        this.accounts = accounts;
        this.admin = properties.admin();
    }

    @Override
    public void afterSingletonsInstantiated() {
        accounts.saveAdmin(admin.username(), admin.password());
        if (admin.usesDemoPassword()) {
            log.warn("""

                    ****************************************************************************************
                    The admin account '{}' has the PUBLIC DEMO PASSWORD '{}'. Anyone who can reach this
                    application can push, kick and list every user's address. Set sample.admin.password
                    (or SAMPLE_ADMIN_PASSWORD) before exposing it beyond this machine.
                    ****************************************************************************************""",
                    admin.username(), SampleProperties.Admin.DEMO_PASSWORD);
        } else {
            log.info("Admin account '{}' is ready", admin.username());
        }
    }
}
