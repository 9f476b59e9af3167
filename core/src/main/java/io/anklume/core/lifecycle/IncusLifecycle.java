package io.anklume.core.lifecycle;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceMapper;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.OperationHandle;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.StateAction;
import java.util.Map;
import java.util.function.Supplier;

/** {@link Lifecycle} over the Incus API; each action waits for its operation. */
public final class IncusLifecycle implements Lifecycle {

    private final IncusClient client;
    private final boolean readOnly;

    /** {@code readOnly}: every action is refused, so no view or command can forget the mode. */
    public IncusLifecycle(IncusClient client, boolean readOnly) {
        this.client = client;
        this.readOnly = readOnly;
    }

    @Override
    public void start(InstanceRef ref) {
        change(ref, "start", StateAction.of(StateAction.Kind.START));
    }

    /** A clean stop sends no timeout at all: Incus reads a 0 timeout as "kill now". */
    @Override
    public void stop(InstanceRef ref, boolean force) {
        change(ref, "stop", force ? new StateAction(StateAction.Kind.STOP, 0, true, false)
                : StateAction.of(StateAction.Kind.STOP));
    }

    @Override
    public void restart(InstanceRef ref) {
        change(ref, "restart", StateAction.of(StateAction.Kind.RESTART));
    }

    @Override
    public void delete(InstanceRef ref) {
        guard(ref, "delete");
        Instance instance = call(ref, "delete", () -> client.instances().get(ref.project(), ref.name()));
        Map<String, String> config = instance.expandedConfig() != null && !instance.expandedConfig().isEmpty()
                ? instance.expandedConfig() : instance.config();
        if (config != null && "true".equalsIgnoreCase(config.get(InstanceMapper.PROTECT_DELETE))) {
            throw new ActionException(ref.toString(), "delete",
                    "it is protected against deletion (security.protection.delete=true); remove the protection "
                            + "first with: incus config unset " + ref.name() + " security.protection.delete"
                            + (isDefault(ref) ? "" : " --project " + ref.project())
                            + " (or set ephemeral: true for it in infra.yml)");
        }
        if (instance.isRunning()) {
            // It is going away anyway: a clean shutdown would only add seconds.
            await(ref, "delete", () -> client.instances().changeState(ref.project(), ref.name(),
                    new StateAction(StateAction.Kind.STOP, 0, true, false)));
        }
        try {
            client.instances().delete(ref.project(), ref.name()).await();
        } catch (IncusException e) {
            if (!(e.isNotFound() && instance.ephemeral())) { // stopping an ephemeral instance deletes it
                throw new ActionException(ref.toString(), "delete", reason(e), e);
            }
        }
    }

    private void change(InstanceRef ref, String action, StateAction request) {
        guard(ref, action);
        await(ref, action, () -> client.instances().changeState(ref.project(), ref.name(), request));
    }

    private void guard(InstanceRef ref, String action) {
        if (readOnly) {
            throw new ActionException(ref.toString(), action, "anklume-tui runs in read-only mode");
        }
    }

    private static void await(InstanceRef ref, String action, Supplier<OperationHandle> start) {
        call(ref, action, () -> start.get().await());
    }

    private static <T> T call(InstanceRef ref, String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (IncusException e) {
            throw new ActionException(ref.toString(), action, reason(e), e);
        }
    }

    private static String reason(IncusException e) {
        if (e.isNotFound()) {
            return "no such instance in Incus";
        }
        return e.error() == null || e.error().isBlank() ? e.getMessage() : e.error();
    }

    private static boolean isDefault(InstanceRef ref) {
        return ref.project() == null || "default".equals(ref.project());
    }
}
