package io.imstarter.chat.suite;

import io.imstarter.chat.ChatApplication;
import io.imstarter.test.ImTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** The suite's one configuration: the application plus the connection counter, checked by {@link SuiteChecks}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ImTest(classes = { ChatApplication.class, OpenChannels.class })
@ExtendWith(SuiteChecks.class)
@interface ChatSuiteTest {
}
