package io.imstarter.autoconfigure.store;

import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

/**
 * Runs the message store's schema script for the database at hand ({@code im.store.initialize-schema}), picked by
 * the database's product name; MariaDB uses the MySQL script. A database without a script fails the startup with
 * the missing location. Its own type, so that it neither clashes with nor replaces Boot's other initializers.
 */
public class ImStoreSchemaInitializer extends DataSourceScriptDatabaseInitializer {

    public ImStoreSchemaInitializer(DataSource dataSource, ImStoreProperties properties) {
        super(dataSource, settings(dataSource, properties));
    }

    private static DatabaseInitializationSettings settings(DataSource dataSource, ImStoreProperties properties) {
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setSchemaLocations(new PlatformPlaceholderDatabaseDriverResolver()
                .withDriverPlatform(DatabaseDriver.MARIADB, "mysql")
                .resolveAll(dataSource, properties.getSchema()));
        settings.setMode(properties.getInitializeSchema());
        return settings;
    }
}
