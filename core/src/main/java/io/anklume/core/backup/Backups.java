package io.anklume.core.backup;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.plan.DesiredStateBuilder;
import io.anklume.core.snapshot.SnapshotNames;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Instance backups as tarballs: export makes an Incus backup, streams it to a file and deletes the
 * backup from the server; import creates an instance from such a file. The file appears only once it
 * is complete (written next to it, then moved), so a failed export leaves no half file.
 */
public final class Backups {
    private final IncusClient client;
    private final Clock clock;
    private final boolean readOnly;

    public Backups(IncusClient client, Clock clock, boolean readOnly) {
        this.client = client;
        this.clock = clock;
        this.readOnly = readOnly;
    }

    public void export(InstanceRef ref, Path file) {
        guard(ref.toString(), "back up");
        Path target = file.toAbsolutePath();
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new ActionException(ref.toString(), "back up", "no directory " + target.getParent() + " to write "
                    + file.getFileName() + " into");
        }
        String backup = "anklume-" + SnapshotNames.stamp(clock);
        call(ref.toString(), "back up", () -> client.backups().create(ref.project(), ref.name(), backup, null).await());
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            call(ref.toString(), "back up", () -> {
                client.backups().export(ref.project(), ref.name(), backup, partial);
                return null;
            });
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ActionException(ref.toString(), "back up", "cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // Best effort: the export itself already failed or succeeded.
            }
            try {
                client.backups().delete(ref.project(), ref.name(), backup).await();
            } catch (IncusException ignored) {
                // The tarball is what counts; a leftover server backup is listed by incus and harmless.
            }
        }
    }

    /** Creates an instance from {@code file} in {@code project} (null: default); {@code name} null keeps the backup's. */
    public void importFrom(Path file, String project, String name) {
        String into = project == null || project.isBlank() ? "default" : project;
        String what = file + " into project " + into;
        guard(what, "import");
        if (!Files.isRegularFile(file)) {
            throw new ActionException(what, "import", "no such file");
        }
        call(what, "import", () -> client.backups().importBackup(into, file, name, DesiredStateBuilder.STORAGE_POOL).await());
    }

    private void guard(String target, String action) {
        if (readOnly) {
            throw new ActionException(target, action, "anklume-tui runs in read-only mode");
        }
    }

    private static <T> T call(String target, String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (IncusException e) {
            String reason = e.isNotFound() ? "not found in Incus (" + e.error() + ")"
                    : e.error() == null || e.error().isBlank() ? e.getMessage() : e.error();
            throw new ActionException(target, action, reason, e);
        }
    }
}
