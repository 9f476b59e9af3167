package io.anklume.tui.view;

import io.anklume.core.inventory.InstanceView;
import io.anklume.tui.App;

/** Lifecycle actions shared by the list and the detail view, with their confirmations. */
final class Actions {
    private Actions() {}

    static void start(App app, InstanceView v) {
        app.run("starting " + v.ref(), () -> app.services().lifecycle().start(v.ref()), "started " + v.ref());
    }

    static void stop(App app, InstanceView v) {
        app.run("stopping " + v.ref(), () -> app.services().lifecycle().stop(v.ref(), false), "stopped " + v.ref());
    }

    static void restart(App app, InstanceView v) {
        app.run("restarting " + v.ref(), () -> app.services().lifecycle().restart(v.ref()), "restarted " + v.ref());
    }

    static void delete(App app, InstanceView v) {
        if (v.protectedFromDelete()) {
            app.error("cannot delete " + v.ref() + ": it is protected (security.protection.delete=true); remove it from "
                    + "infra.yml or make it ephemeral first, or unset the key: incus config unset " + v.name()
                    + " security.protection.delete --project " + v.ref().project());
            return;
        }
        String running = v.isRunning() ? " It is running and will be stopped." : "";
        app.confirm("Delete " + v.ref() + "?" + running + " This cannot be undone. [y/N]",
                () -> app.run("deleting " + v.ref(), () -> app.services().lifecycle().delete(v.ref()), "deleted " + v.ref()));
    }

    static void adopt(App app, InstanceView v) {
        if (app.services().infraFile() == null) {
            app.error("adopt needs an infra file: start with --infra FILE (or have ./infra.yml)");
            return;
        }
        app.confirm("Adopt " + v.ref() + " into " + app.services().infraFile() + " (domain " + v.ref().project()
                + ")? [y/N]", () -> app.run("adopting " + v.ref(),
                () -> app.info(app.services().adopter().adopt(v.ref(), app.services().infraFile())),
                "adopted " + v.ref() + " into " + app.services().infraFile()));
    }

    static void shell(App app, InstanceView v) {
        if (!v.isRunning()) {
            app.error("cannot open a shell in " + v.ref() + ": it is " + v.status() + " (start it with s)");
            return;
        }
        app.suspended(() -> app.services().shell().open(v), "shell in " + v.ref());
    }

    /** {@code G}: attach a GPU to a stopped instance, or detach it; the policy is checked by core first. */
    static void toggleGpu(App app, InstanceView v) {
        if (!"Stopped".equalsIgnoreCase(v.status())) {
            app.error("cannot " + (v.gpu() ? "detach the GPU of " : "attach a GPU to ") + v.ref() + ": it is "
                    + v.status() + "; stop it first (S): a GPU is attached or detached on stopped instances only");
            return;
        }
        if (v.gpu()) {
            app.confirm("Detach the GPU of " + v.ref() + "? [y/N]", () -> app.run("detaching the GPU of " + v.ref(),
                    () -> app.services().gpus().detach(v.ref()), "GPU detached from " + v.ref()));
            return;
        }
        app.confirm("Attach a GPU to " + v.ref() + " (policy of " + (app.services().infraFile() == null ? "exclusive"
                : app.services().infraFile()) + ")? [y/N]", () -> app.load("attaching a GPU to " + v.ref(),
                () -> app.services().gpus().attach(v.ref(), app.services().infraFile()), done -> {
                    app.info(done);
                    app.services().inventory().refresh();
                }));
    }
}
