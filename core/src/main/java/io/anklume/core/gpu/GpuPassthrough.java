package io.anklume.core.gpu;

import io.anklume.core.ActionException;
import io.anklume.core.infra.Global;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.policy.GpuGuard;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.Resources;
import io.anklume.incus.model.Tagged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The host's GPUs and attaching one to a stopped instance by hand (the TUI's {@code G}). The GPU policy
 * is checked against every instance that already holds a GPU before anything is changed in Incus.
 * An attached GPU is a device named {@code gpu} on the instance itself; a GPU an instance gets from
 * infra.yml ({@code gpu: true}, through the {@code gpu} profile) is changed there, not here.
 */
public final class GpuPassthrough {
    public static final String DEVICE = "gpu";

    private final IncusClient client;
    private final boolean readOnly;

    public GpuPassthrough(IncusClient client, boolean readOnly) {
        this.client = client;
        this.readOnly = readOnly;
    }

    /** What policy and device an attach uses: from the infra file, or exclusive and any GPU without one. */
    public record Settings(Global.GpuPolicy policy, Map<String, String> device) {
        public static final Settings DEFAULT = new Settings(Global.GpuPolicy.EXCLUSIVE,
                new Global.GpuDevice(null, null, null, null).device());

        /** The file's {@code gpu_policy} and {@code gpu_device}; the defaults when there is no usable file. */
        public static Settings from(Path infraFile) {
            if (infraFile == null || !Files.isRegularFile(infraFile)) {
                return DEFAULT;
            }
            InfraFiles.Loaded loaded = InfraFiles.load(infraFile);
            if (loaded.infra() == null) {
                return DEFAULT;
            }
            Global g = loaded.infra().global();
            return new Settings(g.gpuPolicy(), g.gpuDeviceConfig());
        }
    }

    /** The host's GPU cards (one request). */
    public List<HostGpu> hostGpus() {
        Resources r = client.server().resources();
        if (r.gpu() == null || r.gpu().cards() == null) {
            return List.of();
        }
        return r.gpu().cards().stream().map(HostGpu::of).toList();
    }

    /** Instances of every project that have a GPU device, directly or from a profile (one request). */
    public List<InstanceRef> holders() {
        return client.instances().listAllProjects(false).stream().filter(GpuPassthrough::hasGpu)
                .map(i -> new InstanceRef(project(i), i.name())).toList();
    }

    /**
     * Adds the {@code gpu} device to a stopped instance. Returns the policy's warning (shared GPU) or
     * null; refusals are {@link ActionException}s naming both instances.
     */
    public String attach(InstanceRef ref, Settings settings) {
        refuseReadOnly(ref, "attach a GPU to");
        Instance instance = get(ref, "attach a GPU to");
        if (!"Stopped".equalsIgnoreCase(instance.status())) {
            throw new ActionException(ref.toString(), "attach a GPU to", "it is " + instance.status()
                    + "; stop it first (a GPU is attached to stopped instances only)");
        }
        if (hasGpu(instance)) {
            throw new ActionException(ref.toString(), "attach a GPU to", "it already has one");
        }
        List<String> others = holders().stream().filter(h -> !h.equals(ref)).map(InstanceRef::toString).toList();
        GpuGuard.Verdict verdict = GpuGuard.check(settings.policy(), ref.toString(), others);
        if (verdict instanceof GpuGuard.Verdict.Refused r) {
            throw new ActionException(ref.toString(), "attach a GPU to", r.reason());
        }
        try {
            client.instances().patch(ref.project(), ref.name(),
                    new InstancePut(null, Map.of(DEVICE, settings.device()), null, null, null), null);
        } catch (IncusException e) {
            throw new ActionException(ref.toString(), "attach a GPU to", e.getMessage(), e);
        }
        return verdict instanceof GpuGuard.Verdict.AllowedWithWarning w ? w.warning() : null;
    }

    /** Removes the GPU devices of a stopped instance (its own, not those of its profiles). */
    public void detach(InstanceRef ref) {
        refuseReadOnly(ref, "detach the GPU of");
        Tagged<Instance> tagged = call(ref, "detach the GPU of", () -> client.instances().getTagged(ref.project(), ref.name()));
        Instance instance = tagged.value();
        if (!"Stopped".equalsIgnoreCase(instance.status())) {
            throw new ActionException(ref.toString(), "detach the GPU of", "it is " + instance.status() + "; stop it first");
        }
        Map<String, Map<String, String>> devices = new LinkedHashMap<>(instance.devices() == null ? Map.of() : instance.devices());
        boolean own = devices.values().removeIf(GpuPassthrough::isGpu);
        if (!own) {
            String reason = hasGpu(instance)
                    ? "its GPU comes from a profile (" + instance.profiles() + "); set gpu: false in infra.yml and apply"
                    : "it has no GPU";
            throw new ActionException(ref.toString(), "detach the GPU of", reason);
        }
        InstancePut full = new InstancePut(instance.config(), devices, instance.profiles(), instance.description(),
                instance.ephemeral());
        call(ref, "detach the GPU of", () -> {
            client.instances().put(ref.project(), ref.name(), full, tagged.etag()).await();
            return null;
        });
    }

    public static boolean hasGpu(Instance i) {
        Map<String, Map<String, String>> devices = i.expandedDevices() != null ? i.expandedDevices() : i.devices();
        return devices != null && devices.values().stream().anyMatch(GpuPassthrough::isGpu);
    }

    private static boolean isGpu(Map<String, String> device) {
        return device != null && "gpu".equals(device.get("type"));
    }

    private void refuseReadOnly(InstanceRef ref, String action) {
        if (readOnly) {
            throw new ActionException(ref.toString(), action, "anklume-tui runs in read-only mode");
        }
    }

    private Instance get(InstanceRef ref, String action) {
        return call(ref, action, () -> client.instances().get(ref.project(), ref.name()));
    }

    private static <T> T call(InstanceRef ref, String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (IncusException e) {
            throw new ActionException(ref.toString(), action, e.getMessage(), e);
        }
    }

    private static String project(Instance i) {
        return i.project() == null || i.project().isEmpty() ? "default" : i.project();
    }
}
