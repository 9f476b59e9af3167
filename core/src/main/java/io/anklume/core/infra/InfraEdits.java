package io.anklume.core.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Text edits of infra files, and how an infra/ directory takes them. A single infra.yml's new text is
 * checked before it is written; a directory is only valid as a whole, so its edited files are written,
 * the directory read again, and every file put back when it no longer loads.
 */
public final class InfraEdits {
    private InfraEdits() {}

    /** One file's text before (null: the edit makes the file) and after. */
    public record Change(Path file, String before, String after) {}

    /** The directory {@code infra} means, read whole; refused through {@code refusal} when it has an error. */
    public static Infra loadDirectory(Path infra, Function<String, ? extends RuntimeException> refusal) {
        InfraFiles.Loaded loaded = InfraFiles.load(infra);
        if (loaded.hasErrors()) {
            throw refusal.apply("the infra directory has an error: " + loaded.firstError() + " (fix it first)");
        }
        return loaded.infra();
    }

    /**
     * Writes the changes and reads the directory {@code infra} means again. When it no longer loads every
     * file has been put back; the result's first error says why.
     */
    public static InfraFiles.Loaded applyToDirectory(Path infra, List<Change> changes) throws IOException {
        for (Change c : changes) {
            Files.createDirectories(c.file().toAbsolutePath().getParent());
            InfraFiles.writeAtomically(c.file(), c.after());
        }
        InfraFiles.Loaded after = InfraFiles.load(infra);
        if (after.hasErrors()) {
            putBack(changes);
        }
        return after;
    }

    /** Gives each file its text from before the change (a file the change made is removed). */
    public static void putBack(List<Change> changes) throws IOException {
        for (Change c : changes) {
            if (c.before() == null) {
                Files.deleteIfExists(c.file());
            } else {
                InfraFiles.writeAtomically(c.file(), c.before());
            }
        }
    }
}
