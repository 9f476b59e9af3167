package io.anklume.core.policy;

import io.anklume.core.infra.Global.GpuPolicy;
import java.util.List;
import java.util.Optional;

/**
 * Checks the GPU policy before any Incus call: under {@code exclusive} a second instance with a GPU is
 * refused with a message naming both; under {@code shared} it is allowed with a warning.
 */
public final class GpuGuard {
    private GpuGuard() {}

    public sealed interface Verdict {
        record Allowed() implements Verdict {}

        record AllowedWithWarning(String warning) implements Verdict {}

        record Refused(String reason) implements Verdict {}
    }

    /**
     * @param target  the instance that would get a GPU
     * @param holders instances that already have one (the target itself is ignored)
     */
    public static Verdict check(GpuPolicy policy, String target, List<String> holders) {
        Optional<String> other = holders.stream().filter(h -> !h.equals(target)).findFirst();
        if (other.isEmpty()) {
            return new Verdict.Allowed();
        }
        String others = String.join(", ", holders.stream().filter(h -> !h.equals(target)).toList());
        if (policy == GpuPolicy.SHARED) {
            return new Verdict.AllowedWithWarning("gpu_policy shared: " + target + " will share the GPU with " + others);
        }
        return new Verdict.Refused("gpu_policy exclusive: " + others + " already has the GPU, so " + target
                + " cannot get one (detach it there first, or set gpu_policy: shared)");
    }
}
