package io.anklume.core.cli;

import io.anklume.core.infra.Position;
import io.anklume.core.infra.Problem;
import java.nio.file.Path;
import java.util.List;

/** Loads and validates with the core.infra loader and validator. */
final class DefaultInfraSource implements InfraSource {
    static final DefaultInfraSource INSTANCE = new DefaultInfraSource();

    private DefaultInfraSource() {}

    @Override
    public Loaded load(Path file) {
        // Wired to InfraLoader + Validator once core.infra lands.
        return new Loaded(null, List.of(Problem.error(Position.unknown(file.toString()), "",
                "infra loading is not available in this build")));
    }
}
