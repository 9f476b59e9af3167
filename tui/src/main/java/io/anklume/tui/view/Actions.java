package io.anklume.tui.view;

import io.anklume.core.inventory.InstanceView;
import io.anklume.tui.App;

/** Lifecycle actions shared by the list and the detail view, with their confirmations. */
public final class Actions {
    private Actions() {}

    /**
     * {@code s}, {@code S} and {@code r} for an instance in this state: what Incus would refuse (starting
     * a running instance, stopping a stopped one) is shown greyed out with the reason, not offered.
     */
    static java.util.List<io.anklume.tui.keys.KeyAction> lifecycleKeys(InstanceView v, Runnable start, Runnable stop,
                                                                      Runnable restart) {
        boolean running = v != null && v.isRunning();
        boolean stopped = v != null && "Stopped".equalsIgnoreCase(v.status());
        return java.util.List.of(
                running ? new io.anklume.tui.keys.KeyAction("s", "start", true, "it is already running", () -> { })
                        : io.anklume.tui.keys.KeyAction.mutating("s", "start", start),
                stopped ? new io.anklume.tui.keys.KeyAction("S", "stop", true, "it is already stopped", () -> { })
                        : io.anklume.tui.keys.KeyAction.mutating("S", "stop", stop),
                stopped ? new io.anklume.tui.keys.KeyAction("r", "restart", true, "it is stopped: s starts it", () -> { })
                        : io.anklume.tui.keys.KeyAction.mutating("r", "restart", restart));
    }

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
        // The file it will go into: with an infra/ directory, the one that defines the domain.
        java.nio.file.Path into = io.anklume.core.infra.InfraTarget.of(app.services().infraFile(), v.ref().project()).file();
        app.confirm("Adopt " + v.ref() + " into " + into + " (domain " + v.ref().project()
                + ")? [y/N]", () -> app.load("adopting " + v.ref(),
                () -> app.services().adopter().adopt(v.ref(), app.services().infraFile()), done -> {
                    app.info(done);
                    app.services().inventory().refresh();
                }));
    }

    /**
     * {@code m}: asks for the new name (the old one to edit), then renames; {@code then} gets the new ref
     * (the detail view follows it).
     */
    static void rename(App app, InstanceView v, java.util.function.Consumer<io.anklume.core.inventory.InstanceRef> then) {
        if (renamable(app, v)) {
            app.prompt("rename " + v.ref() + " to: ", v.name(), text -> java.util.List.of(), text -> renameTo(app, v, text, then),
                    text -> { });
        }
    }

    /** {@code :rename INSTANCE NEW-NAME}: the same rename, the new name given at once. */
    public static void rename(App app, InstanceView v, String newName) {
        if (renamable(app, v)) {
            renameTo(app, v, newName, ref -> { });
        }
    }

    private static boolean renamable(App app, InstanceView v) {
        if (!"Stopped".equalsIgnoreCase(v.status())) {
            app.error("cannot rename " + v.ref() + ": it is " + v.status() + "; Incus renames stopped instances only: "
                    + "stop it first (S)");
            return false;
        }
        return true;
    }

    private static void renameTo(App app, InstanceView v, String text,
                                 java.util.function.Consumer<io.anklume.core.inventory.InstanceRef> then) {
        String to = text == null ? "" : text.strip();
        if (to.isEmpty() || to.equals(v.name())) {
            app.info("rename of " + v.ref() + " cancelled (same name)");
            return;
        }
        app.load("renaming " + v.ref() + " to " + to, () -> app.services().renamer().rename(v.ref(), to), done -> {
            app.info(done);
            app.services().inventory().refresh();
            app.later(() -> then.accept(new io.anklume.core.inventory.InstanceRef(v.ref().project(), to)));
        });
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

    /** Every managed instance of the selected instance's domain, under one snap-<timestamp> name. */
    static void snapshotDomain(App app, InstanceView v) {
        if (v.untracked()) {
            app.error("cannot snapshot the domain of " + v.ref() + ": it is untracked (snapshot it alone with p, n)");
            return;
        }
        String domain = v.domain();
        long count = app.inventory().instances().stream().filter(i -> i.managed() && domain.equals(i.domain())).count();
        if (count == 0) {
            // A disposable outside any declared domain, say: a "snapshot 0 instances?" question helps no one.
            app.error("domain " + domain + " has no managed instance to snapshot (snapshot " + v.ref() + " alone with p, n)");
            return;
        }
        app.confirm("Snapshot all " + count + " managed instance" + (count == 1 ? "" : "s") + " of domain " + domain
                + "? [y/N]", () -> app.load("snapshotting domain " + domain,
                () -> app.services().safekeeping().snapshotDomain(domain), app::info));
    }

    /** Reads what the last apply changed, shows it, and restores it after a yes. */
    public static void rollback(App app) {
        app.load("reading the pre-apply snapshots", () -> app.services().safekeeping().rollbackPreview(), steps -> app.later(() -> {
            if (steps.isEmpty()) {
                app.info("nothing to roll back: no managed instance has a pre-apply snapshot");
                return;
            }
            app.confirm("Roll back the last apply: " + String.join(", ", steps) + "? What they wrote since is lost. [y/N]",
                    () -> app.load("rolling back the last apply", () -> app.services().safekeeping().rollback(), app::info));
        }));
    }

    /** An ephemeral disp-<timestamp> with a shell on the real terminal; Incus deletes it when the shell ends. */
    static void disposable(App app) {
        app.suspended(() -> app.services().disposable().open(), "disposable shell");
    }

    /** Asks for the alias, then publishes; Incus publishes stopped instances only, so a running one is explained. */
    static void publish(App app, InstanceView v) {
        if (v.isRunning()) {
            app.error("cannot publish " + v.ref() + ": it is running; stop it first (S), then publish");
            return;
        }
        app.prompt("image alias for " + v.name() + ": ", "golden-" + v.name(), text -> java.util.List.of(), text -> {
            if (text == null || text.isBlank()) {
                app.error("publish cancelled: no alias");
                return;
            }
            String alias = text.strip();
            app.load("publishing " + v.ref() + " as " + alias, () -> app.services().safekeeping().publish(v.ref(), alias),
                    app::info);
        }, text -> { });
    }

    /** Asks for the tarball's path (prefilled with NAME.tar.gz), then exports. */
    static void exportBackup(App app, InstanceView v) {
        app.prompt("backup file: ", v.name() + ".tar.gz", text -> java.util.List.of(), text -> {
            if (text == null || text.isBlank()) {
                app.error("backup cancelled: no file");
                return;
            }
            java.nio.file.Path file = java.nio.file.Path.of(text.strip());
            app.load("exporting " + v.ref() + " to " + file, () -> app.services().safekeeping().exportBackup(v.ref(), file),
                    app::info);
        }, text -> { });
    }
}
