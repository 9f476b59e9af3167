package io.anklume.core.net;

import io.anklume.core.infra.Infra;

/** anklume's deterministic allocation (see docs/infra-format.md). Same input, same addresses. */
public final class Addressing {
    private Addressing() {}

    /** Assumes a valid Infra (validation reports what cannot be allocated). */
    public static AddressPlan allocate(Infra infra) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
