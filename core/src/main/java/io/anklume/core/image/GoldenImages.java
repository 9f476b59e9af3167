package io.anklume.core.image;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Operation;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Golden images: a stopped instance published as a local image with an alias, which machines then
 * name as {@code os_image}. In a project with {@code features.images=false} (every anklume domain) the
 * image lands in the default project, where every domain sees it.
 */
public final class GoldenImages {
    private final IncusClient client;
    private final boolean readOnly;

    public GoldenImages(IncusClient client, boolean readOnly) {
        this.client = client;
        this.readOnly = readOnly;
    }

    /** Publishes {@code ref} as {@code alias}; returns the image's fingerprint. */
    public String publish(InstanceRef ref, String alias) {
        if (readOnly) {
            throw new ActionException(ref.toString(), "publish", "anklume-tui runs in read-only mode");
        }
        if (alias == null || alias.isBlank() || alias.contains(":")) {
            throw new ActionException(ref.toString(), "publish", "give an alias for the image (e.g. --alias golden-web)");
        }
        String name = alias.strip();
        Instance instance = call(ref, () -> client.instances().get(ref.project(), ref.name()));
        if (!"Stopped".equalsIgnoreCase(instance.status())) {
            throw new ActionException(ref.toString(), "publish", "it is " + instance.status()
                    + "; Incus publishes stopped instances only: stop it first (anklume-tui's S, or incus stop "
                    + ref.name() + " --project " + ref.project() + ")");
        }
        client.images().findAlias(ref.project(), name).ifPresent(a -> {
            throw new ActionException(ref.toString(), "publish", "the image alias \"" + name + "\" is taken (image "
                    + a.target().substring(0, Math.min(12, a.target().length())) + "); choose another or delete it first");
        });
        Operation done = call(ref, () -> client.images().publish(ref.project(), ref.name(), name,
                Map.of("description", "golden image of " + ref)).await());
        Object fingerprint = done.metadata() == null ? null : done.metadata().get("fingerprint");
        return fingerprint == null ? "" : fingerprint.toString();
    }

    private static <T> T call(InstanceRef ref, Supplier<T> request) {
        try {
            return request.get();
        } catch (IncusException e) {
            String reason = e.isNotFound() ? "no such instance in Incus"
                    : e.error() == null || e.error().isBlank() ? e.getMessage() : e.error();
            throw new ActionException(ref.toString(), "publish", reason, e);
        }
    }
}
