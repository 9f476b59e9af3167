package io.anklume.core.freezer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreezerStallGuardTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path root;
    private final List<String> writes = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();

    private FreezerStallGuard guard() {
        return new FreezerStallGuard(root, Duration.ofSeconds(3), (file, state) -> {
            writes.add(root.relativize(file) + " " + state);
            Files.writeString(file, state);
        }, reports::add, null);
    }

    private Path container(String group, String state) throws Exception {
        Path dir = Files.createDirectories(root.resolve(group));
        return Files.writeString(dir.resolve("freezer.state"), state + "\n");
    }

    @Test
    void aContainerFreezingForThreeSecondsIsThawedThenFrozenAgainAndReported() throws Exception {
        container("lxc.payload.lab_web", "FREEZING");
        FreezerStallGuard guard = guard();

        guard.check(0);
        guard.check(2 * SECOND);
        assertTrue(writes.isEmpty(), "kicked before it was stuck: " + writes);
        guard.check(3 * SECOND);

        assertEquals(List.of("lxc.payload.lab_web/freezer.state THAWED", "lxc.payload.lab_web/freezer.state FROZEN"),
                writes);
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).startsWith("lab/web: its freeze stalled"), reports.get(0));
    }

    @Test
    void frozenThawedAndBrieflyFreezingContainersAreLeftAlone() throws Exception {
        container("lxc.payload.lab_a", "FROZEN");
        container("lxc.payload.lab_b", "THAWED");
        Path brief = container("lxc.payload.lab_c", "FREEZING");
        container("unrelated", "FREEZING");
        FreezerStallGuard guard = guard();

        guard.check(0);
        Files.writeString(brief, "FROZEN\n"); // the freeze completed by itself
        guard.check(2 * SECOND);
        Files.writeString(brief, "FREEZING\n"); // a new freeze: its clock starts again
        guard.check(4 * SECOND);
        guard.check(6 * SECOND);

        assertTrue(writes.isEmpty(), writes.toString());
        assertTrue(reports.isEmpty(), reports.toString());
    }

    @Test
    void namesTheInstanceWithItsProject() {
        assertEquals("pro/dev", FreezerStallGuard.instanceOf("lxc.payload.pro_dev"));
        assertEquals("web", FreezerStallGuard.instanceOf("lxc.payload.web"));
    }
}
