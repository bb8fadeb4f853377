package io.imstarter.autoconfigure.store;

import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;

/**
 * Runs the message store's schema script for the database at hand ({@code im.store.initialize-schema}); its own
 * type so that it neither clashes with nor replaces Boot's other script initializers.
 */
public class ImStoreSchemaInitializer extends PropertiesBasedDataSourceScriptDatabaseInitializer<ImStoreProperties> {

    public ImStoreSchemaInitializer(DataSource dataSource, ImStoreProperties properties) {
        super(dataSource, properties, Map.of(DatabaseDriver.MARIADB, "mysql"));
    }
}
