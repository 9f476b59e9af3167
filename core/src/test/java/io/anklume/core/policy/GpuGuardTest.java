package io.anklume.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.anklume.core.infra.Global.GpuPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuGuardTest {
    @Test
    void exclusiveRefusesASecondHolderNamingBoth() {
        GpuGuard.Verdict v = GpuGuard.check(GpuPolicy.EXCLUSIVE, "perso-gpu", List.of("pro-llm"));
        GpuGuard.Verdict.Refused refused = assertInstanceOf(GpuGuard.Verdict.Refused.class, v);
        assertEquals("gpu_policy exclusive: pro-llm already has the GPU, so perso-gpu cannot get one "
                + "(detach it there first, or set gpu_policy: shared)", refused.reason());
    }

    @Test
    void sharedWarnsAndTheHolderItselfIsFine() {
        assertInstanceOf(GpuGuard.Verdict.AllowedWithWarning.class, GpuGuard.check(GpuPolicy.SHARED, "b", List.of("a")));
        assertInstanceOf(GpuGuard.Verdict.Allowed.class, GpuGuard.check(GpuPolicy.EXCLUSIVE, "a", List.of("a")));
        assertInstanceOf(GpuGuard.Verdict.Allowed.class, GpuGuard.check(GpuPolicy.EXCLUSIVE, "a", List.of()));
    }
}
