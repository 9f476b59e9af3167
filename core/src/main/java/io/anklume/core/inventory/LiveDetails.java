package io.anklume.core.inventory;

/** Figures read lazily for the rows on screen; a null field is not known. */
record LiveDetails(Double cpuSeconds, Long memoryBytes, Integer snapshotCount) {

    static final LiveDetails NONE = new LiveDetails(null, null, null);

    LiveDetails withSnapshotDelta(int delta) {
        return snapshotCount == null ? this
                : new LiveDetails(cpuSeconds, memoryBytes, Math.max(0, snapshotCount + delta));
    }

    LiveDetails stopped() {
        return new LiveDetails(cpuSeconds == null ? null : 0.0, memoryBytes == null ? null : 0L, snapshotCount);
    }
}
