package io.imstarter.chat;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A fresh application with nothing but the starter (and, in its tests, the test artifact): no properties file, no
 * beans of its own. The tests in this package are what its authors would write.
 */
@SpringBootApplication
public class ChatApplication {
}
