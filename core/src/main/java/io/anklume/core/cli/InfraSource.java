package io.anklume.core.cli;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Problem;
import java.nio.file.Path;
import java.util.List;

/** Loads and validates an infra file; bad input is reported as problems, never thrown. */
@FunctionalInterface
public interface InfraSource {

    Loaded load(Path file);

    /** {@code infra} is null when the file could not be read into a model at all. */
    record Loaded(Infra infra, List<Problem> problems) {
        public Loaded {
            problems = problems.stream().sorted().toList();
        }

        public boolean hasErrors() {
            return infra == null || problems.stream().anyMatch(Problem::isError);
        }
    }
}
