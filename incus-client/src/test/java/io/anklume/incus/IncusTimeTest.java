package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Incus's timestamps read by hand give exactly what the JDK's parser gives, and the rest still goes to it. */
class IncusTimeTest {

    @Test
    void theShapesIncusWritesAreReadWithoutTheJdkParser() {
        for (String text : List.of("2026-12-07T15:47:40.564460879Z", "2026-11-24T05:07:12.25Z", "2026-11-24T05:07:12Z",
                "2026-11-24T05:07:12.25+01:00", "2024-02-29T23:59:59.999999999-05:30", "0001-01-01T00:00:00Z")) {
            assertNotNull(IncusTime.rfc3339(text), text);
            assertEquals(OffsetDateTime.parse(text).toInstant(), IncusTime.rfc3339(text), text);
        }
    }

    @Test
    void randomTimesAgreeWithTheJdk() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
            ZoneOffset offset = random.nextInt(3) == 0 ? ZoneOffset.UTC
                    : ZoneOffset.ofTotalSeconds((random.nextInt(35 * 4) - 17 * 4) * 900);
            String digits = "." + "0".repeat(random.nextInt(10));
            String text = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss" + (digits.length() > 1 ? digits.replace('0', 'S') : "") + "XXX")
                    .format(instant.atOffset(offset));
            if (text.startsWith("-") || text.startsWith("+")) {
                continue; // years beyond four digits: not Incus's shape, left to the JDK
            }
            assertEquals(OffsetDateTime.parse(text).toInstant(), IncusTime.rfc3339(text), text);
        }
    }

    @Test
    void theZeroTimeAndBlanksAreNull() {
        assertNull(IncusTime.parse("0001-01-01T00:00:00Z"));
        assertNull(IncusTime.parse("1970-12-31T23:59:59Z"));
        assertNull(IncusTime.parse(""));
        assertNull(IncusTime.parse(null));
        assertEquals(Instant.parse("1971-01-01T00:00:00Z"), IncusTime.parse("1971-01-01T00:00:00Z"));
    }

    @Test
    void otherShapesAreLeftToTheJdk() {
        for (String text : List.of("2026-11-24t05:07:12Z", "2026-11-24T05:07Z", "2026-11-24T05:07:12.Z",
                "2026-11-24T05:07:12.1234567891Z", "2026-11-24T05:07:12+0100", "2026-11-24T05:07:12+18:00",
                "2026-02-29T05:07:12Z", "2026-11-24T24:00:00Z", "2026-11-24T05:07:60Z", "2026-11-24 05:07:12Z",
                "+12026-11-24T05:07:12Z", "2026-11-24T05:07:12Z ")) {
            assertNull(IncusTime.rfc3339(text), text);
        }
        assertEquals(OffsetDateTime.parse("2026-11-24t05:07:12Z").toInstant(), IncusTime.parse("2026-11-24t05:07:12Z"));
        assertEquals(OffsetDateTime.parse("2026-11-24T05:07:12+18:00").toInstant(), IncusTime.parse("2026-11-24T05:07:12+18:00"));
        assertThrows(DateTimeParseException.class, () -> IncusTime.parse("2026-02-29T05:07:12Z"));
        assertThrows(DateTimeParseException.class, () -> IncusTime.parse("yesterday"));
    }
}
