package io.anklume.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Global;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.ResourcePolicy;
import io.anklume.core.infra.SourceMap;
import io.anklume.core.infra.TrustLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected figures worked out by hand from anklume's generator (psot resources allocation). */
class ResourceAllocatorTest {
    static final HostResources HOST = new HostResources(10, 20L << 30); // 10 CPUs, 20 GiB

    static Machine machine(String name, Integer weight, Map<String, String> config) {
        return new Machine(name, "d", null, Machine.Type.LXC, null, null, null, false, List.of(), weight, null, null,
                null, null, config, Map.of(), Map.of(), Map.of(), List.of());
    }

    static Infra infra(ResourcePolicy policy, Machine... machines) {
        Domain d = new Domain("d", null, true, null, TrustLevel.TRUSTED, false, Map.of(), List.of(machines));
        return new Infra("p", new Global(10, 100, "busybox", Global.GpuPolicy.EXCLUSIVE, Global.FirewallMode.HOST, policy),
                List.of(d), List.of(), new SourceMap("infra.yml", Map.of()));
    }

    static ResourcePolicy policy(ResourcePolicy.Mode mode, ResourcePolicy.CpuMode cpu, boolean overcommit) {
        return new ResourcePolicy("20%", "20%", mode, cpu, ResourcePolicy.MemoryEnforce.SOFT, overcommit);
    }

    @Test
    void proportionalSplitByWeightAfterTheReserve() {
        ResourceAllocation a = ResourceAllocator.allocate(infra(policy(ResourcePolicy.Mode.PROPORTIONAL,
                ResourcePolicy.CpuMode.ALLOWANCE, false), machine("a", 1, Map.of()), machine("b", 3, Map.of())), HOST);
        // 8 CPUs and 16 GiB to share, 1:3.
        assertEquals("20%", a.forMachine("a").get("limits.cpu.allowance"));
        assertEquals("60%", a.forMachine("b").get("limits.cpu.allowance"));
        assertEquals("4GiB", a.forMachine("a").get("limits.memory"));
        assertEquals("12GiB", a.forMachine("b").get("limits.memory"));
        assertEquals("soft", a.forMachine("b").get("limits.memory.enforce"));
        assertFalse(a.refused());
    }

    @Test
    void equalSplitAsCoreCountsWithAtLeastOneCore() {
        Machine[] many = new Machine[12];
        for (int i = 0; i < many.length; i++) {
            many[i] = machine("m" + i, i + 1, Map.of());
        }
        ResourceAllocation a = ResourceAllocator.allocate(infra(policy(ResourcePolicy.Mode.EQUAL,
                ResourcePolicy.CpuMode.COUNT, true), many), HOST);
        assertEquals("1", a.forMachine("m0").get("limits.cpu"));
        assertEquals("1", a.forMachine("m11").get("limits.cpu"), "equal mode ignores weight");
        assertEquals("1365MiB", a.forMachine("m5").get("limits.memory"));
        assertTrue(a.warnings().get(0).startsWith("Resource overcommit: CPU: 12 cores > 8 available"), a.warnings().toString());
        assertNull(a.overcommitError(), "overcommit allowed: a warning only");
    }

    @Test
    void explicitLimitsWinAndCountTowardsOvercommit() {
        ResourceAllocation a = ResourceAllocator.allocate(infra(policy(ResourcePolicy.Mode.PROPORTIONAL,
                ResourcePolicy.CpuMode.COUNT, false),
                machine("big", 1, Map.of("limits.cpu", "9", "limits.memory", "2GiB")), machine("small", 1, Map.of())), HOST);
        assertFalse(a.forMachine("big").containsKey("limits.cpu"));
        assertFalse(a.forMachine("big").containsKey("limits.memory"));
        assertEquals("soft", a.forMachine("big").get("limits.memory.enforce"), "explicit memory still gets soft enforce");
        assertEquals("8", a.forMachine("small").get("limits.cpu"));
        assertEquals("Resource overcommit: CPU: 17 cores > 8 available; Memory: 18GiB > 16GiB. "
                + "Set resource_policy.overcommit: true to allow.", a.overcommitError());
    }

    @Test
    void minimumMemoryIs128MiB() {
        ResourceAllocation a = ResourceAllocator.allocate(infra(policy(ResourcePolicy.Mode.PROPORTIONAL,
                ResourcePolicy.CpuMode.ALLOWANCE, true), machine("a", 1, Map.of()), machine("b", 10_000, Map.of())), HOST);
        assertEquals("128MiB", a.forMachine("a").get("limits.memory"));
    }

    @Test
    void absoluteReservesAndNoPolicy() {
        ResourcePolicy absolute = new ResourcePolicy("2", "4GiB", ResourcePolicy.Mode.EQUAL, ResourcePolicy.CpuMode.COUNT,
                ResourcePolicy.MemoryEnforce.HARD, false);
        ResourceAllocation a = ResourceAllocator.allocate(infra(absolute, machine("a", null, Map.of())), HOST);
        assertEquals("8", a.forMachine("a").get("limits.cpu"));
        assertEquals("16GiB", a.forMachine("a").get("limits.memory"));
        assertFalse(a.forMachine("a").containsKey("limits.memory.enforce"), "hard enforcement is Incus's default");
        assertTrue(ResourceAllocator.allocate(infra(null, machine("a", 1, Map.of())), HOST).configByMachine().isEmpty());
    }

    @Test
    void memoryStringsRoundTripAsAnklumeWritesThem() {
        assertEquals(2L << 30, MemorySize.parse("2GiB"));
        assertEquals(512L << 20, MemorySize.parse("512MiB"));
        assertEquals(4_000_000_000L, MemorySize.parse("4GB"));
        assertEquals(0, MemorySize.parse("lots"));
        assertEquals("1536MiB", MemorySize.format(1536L << 20));
        assertEquals("3GiB", MemorySize.format(3L << 30));
    }
}
