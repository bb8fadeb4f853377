package io.imstarter.qos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DedupWindowTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void reportsAPairOnlyOnceWithinTheWindow() {
        DedupWindow window = new DedupWindow(Duration.ofMinutes(10), 100, now::get);
        assertThat(window.firstSeen("a", "fp")).isTrue();
        assertThat(window.firstSeen("a", "fp")).isFalse();
        assertThat(window.firstSeen("b", "fp")).as("another sender's fp is its own").isTrue();
    }

    @Test
    void forgetsPairsOlderThanTheWindow() {
        DedupWindow window = new DedupWindow(Duration.ofSeconds(10), 100, now::get);
        window.firstSeen("a", "fp");
        now.addAndGet(9_999);
        assertThat(window.contains("a", "fp")).isTrue();
        now.addAndGet(1);
        assertThat(window.contains("a", "fp")).isFalse();
        assertThat(window.firstSeen("a", "fp")).isTrue();
    }

    @Test
    void evictsTheOldestWhenFull() {
        DedupWindow window = new DedupWindow(Duration.ofMinutes(10), 2, now::get);
        window.firstSeen("a", "1");
        window.firstSeen("a", "2");
        window.firstSeen("a", "3");
        assertThat(window.size()).isEqualTo(2);
        assertThat(window.contains("a", "1")).isFalse();
        assertThat(window.contains("a", "2")).isTrue();
        assertThat(window.contains("a", "3")).isTrue();
    }
}
