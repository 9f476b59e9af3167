package io.anklume.core.infra;

import java.util.List;

/** An infra file read into a model ({@code infra} null when it could not be read at all) and what is wrong with it. */
public record LoadResult(Infra infra, List<Problem> problems) {
    public LoadResult {
        problems = problems.stream().sorted().toList();
    }

    public boolean hasErrors() {
        return infra == null || problems.stream().anyMatch(Problem::isError);
    }
}
