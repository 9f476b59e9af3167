package io.anklume.core.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles of repeated measurements, in milliseconds. */
record Stats(List<Double> samples) {
    static Stats of(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return new Stats(List.copyOf(sorted));
    }

    double median() {
        return percentile(50);
    }

    double percentile(double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * samples.size()) - 1;
        return samples.get(Math.max(0, Math.min(samples.size() - 1, index)));
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
