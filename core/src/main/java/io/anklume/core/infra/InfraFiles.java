package io.anklume.core.infra;

import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.Addressing;
import io.anklume.core.net.HostNetworks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Load, validate and allocate in one call: what the CLI and the TUI use. */
public final class InfraFiles {
    private InfraFiles() {}

    /** {@code addresses} is null when the file has errors. */
    public record Loaded(Infra infra, AddressPlan addresses, List<Problem> problems) {
        public boolean hasErrors() {
            return infra == null || problems.stream().anyMatch(Problem::isError);
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
