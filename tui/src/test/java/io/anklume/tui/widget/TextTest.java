package io.anklume.tui.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextTest {
    private static final Instant NOW = Instant.parse("2026-12-07T16:30:00Z");

    @Test
    void agesUnderAMinuteAreSecondsNotZeroMinutes() {
        assertEquals("12s ago", Text.ago(NOW.minusSeconds(12), NOW));
        assertEquals("0s ago", Text.ago(NOW.plusSeconds(3), NOW), "a clock a little ahead is not a negative age");
        assertEquals("5m ago", Text.ago(NOW.minusSeconds(301), NOW));
        assertEquals("2h ago", Text.ago(NOW.minusSeconds(7300), NOW));
        assertEquals("3d ago", Text.ago(NOW.minusSeconds(3 * 86400 + 5), NOW));
    }
}
