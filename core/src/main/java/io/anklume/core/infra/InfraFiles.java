package io.anklume.core.infra;

import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.Addressing;
import io.anklume.core.net.HostNetworks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Load, validate and allocate in one call, and write an edited file back: what the CLI and the TUI use. */
public final class InfraFiles {
    private InfraFiles() {}

    /** {@code addresses} is null when the file has errors. */
    public record Loaded(Infra infra, AddressPlan addresses, List<Problem> problems) {
        public boolean hasErrors() {
            return infra == null || problems.stream().anyMatch(Problem::isError);
        }

        /** The first error (problems are sorted), or null. */
        public Problem firstError() {
            return problems.stream().filter(Problem::isError).findFirst().orElse(null);
        }
    }

    /**
     * Replaces {@code file}'s text through a temporary file in the same directory and one atomic move,
     * so a crash or a full disk never leaves half an infra file (the temporary file is removed either way).
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static Loaded load(Path file) {
        return load(file, HostNetworks.detect());
    }

    public static Loaded load(Path file, HostNetworks host) {
        return check(InfraLoader.load(file), host);
    }

    public static Loaded parse(String fileName, String text, HostNetworks host) {
        return check(InfraLoader.parse(fileName, text), host);
    }

    private static Loaded check(LoadResult read, HostNetworks host) {
        if (read.infra() == null) {
            return new Loaded(null, null, read.problems());
        }
        List<Problem> problems = new ArrayList<>(read.problems());
        problems.addAll(Validator.validate(read.infra(), host));
        List<Problem> sorted = problems.stream().sorted().toList();
        boolean errors = sorted.stream().anyMatch(Problem::isError);
        return new Loaded(read.infra(), errors ? null : Addressing.allocate(read.infra()), sorted);
    }
}
