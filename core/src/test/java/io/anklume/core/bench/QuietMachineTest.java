package io.anklume.core.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuietMachineTest {
    @Test
    void theCpuTimesAreAllCpusJiffiesWithIdleAPartOfThem() throws Exception {
        long[] before = QuietMachine.cpuTimes();
        Thread.sleep(300);
        long[] after = QuietMachine.cpuTimes();
        assertTrue(before[1] > 0 && before[1] <= before[0], before[0] + " " + before[1]);
        assertTrue(after[0] > before[0], "time passed on every CPU");
    }

    @Test
    void anyMachineIsQuietEnoughForNoIdleAtAllAndNoneForMoreThanAll() throws Exception {
        assertTrue(QuietMachine.await(0, Duration.ofSeconds(5)).quiet());
        QuietMachine.Wait never = QuietMachine.await(101, Duration.ofMillis(1500));
        assertFalse(never.quiet());
        assertTrue(never.seconds() >= 1.5, "waited until the cap");
    }
}
