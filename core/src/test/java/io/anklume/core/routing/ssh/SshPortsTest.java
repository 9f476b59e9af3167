package io.anklume.core.routing.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.anklume.core.infra.Routing;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SshPortsTest {
    static final Routing.PortRange RANGE = new Routing.PortRange(22000, 22002);

    static Map<String, Integer> wanted(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void explicitPortsWinThenExistingOnesThenTheLowestFree() {
        assertEquals(Map.of("a", 22000, "b", 2222, "c", 22002),
                SshPorts.allocate(wanted("a", null, "b", 2222, "c", null), Map.of("c", 22002), RANGE));
    }

    @Test
    void anExistingAllocationIsKeptWhenAnotherMachineIsAdded() {
        Map<String, Integer> first = SshPorts.allocate(wanted("b", null), Map.of(), RANGE);
        assertEquals(Map.of("b", 22000), first);
        // a is new and comes first in the file: b keeps its port anyway.
        assertEquals(Map.of("a", 22001, "b", 22000), SshPorts.allocate(wanted("a", null, "b", null), first, RANGE));
    }

    @Test
    void anExistingPortOutsideTheRangeOrTakenIsReallocated() {
        assertEquals(Map.of("a", 22000), SshPorts.allocate(wanted("a", null), Map.of("a", 30000), RANGE));
        assertEquals(Map.of("a", 22000, "b", 22001),
                SshPorts.allocate(wanted("a", 22000, "b", null), Map.of("b", 22000), RANGE));
    }

    @Test
    void aFullRangeIsAnErrorNamingTheMachine() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SshPorts.allocate(
                wanted("a", null, "b", null, "c", null, "d", null), Map.of(), RANGE));
        assertEquals("no free port left in global.routing.ssh_ports 22000-22002 for machine d", e.getMessage());
    }
}
