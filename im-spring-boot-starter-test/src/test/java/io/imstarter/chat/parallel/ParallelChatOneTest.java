package io.imstarter.chat.parallel;

import io.imstarter.test.ImTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** A context of its own (one property differs from its twin's), run at the same time as the twin. */
@ImTest(properties = "chat.instance=one")
@Execution(ExecutionMode.CONCURRENT)
class ParallelChatOneTest extends ParallelChat {
}
