package io.anklume.core.cli;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the infra file of a command and prints its problems, one per line, before anything else runs. */
final class InfraFile {
    private InfraFile() {}

    static Optional<Infra> load(CliEnvironment env, String file) {
        Path path = Path.of(file);
        // An infra/ directory (base.yml, domains/, policies.yml) is read like a file, and so is
        // infra.yml when only the directory beside it exists, as anklume does.
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        boolean directory = Files.isDirectory(path) || (!Files.exists(path) && name.endsWith(".yml")
                && Files.isDirectory(path.resolveSibling(name.substring(0, name.length() - 4))));
        if (!directory && !Files.isRegularFile(path)) {
            env.err().println(file + ": no such file");
            return Optional.empty();
        }
        if (!Files.isReadable(path)) {
            env.err().println(file + ": cannot be read (permission denied)");
            return Optional.empty();
        }
        InfraSource.Loaded loaded = env.infraSource().load(path);
        for (Problem p : loaded.problems()) {
            env.err().println(p);
        }
        if (loaded.hasErrors()) {
            long errors = loaded.problems().stream().filter(Problem::isError).count();
            env.err().println(file + ": " + Math.max(errors, 1) + " error" + (errors == 1 ? "" : "s") + ", nothing done");
            return Optional.empty();
        }
        return Optional.of(loaded.infra());
    }
}
