package io.anklume.core.isolation;

import java.util.List;

/** Runs the {@code nft} binary; behind an interface so the deploy logic can be tested without root. */
@FunctionalInterface
public interface NftRunner {

    /** The outcome of one {@code nft} call. */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code nft <args>}; an nft that cannot be started is exit code 127 with the reason in stderr. */
    Result run(List<String> args);
}
