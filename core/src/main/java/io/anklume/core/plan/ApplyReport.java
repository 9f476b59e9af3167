package io.anklume.core.plan;

import java.util.ArrayList;
import java.util.List;

/** What an apply did: actions done, failed (with Incus's error) and not done, each in plan order. */
public record ApplyReport(List<Action> done, List<Failure> failed, List<Action> notDone) {

    public record Failure(Action action, String message) {
        @Override
        public String toString() {
            return action.kind() + " " + action.target() + ": " + message;
        }
    }

    public ApplyReport {
        done = List.copyOf(done);
        failed = List.copyOf(failed);
        notDone = List.copyOf(notDone);
    }

    public boolean succeeded() {
        return failed.isEmpty() && notDone.isEmpty();
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Done: " + done.size() + ", failed: " + failed.size() + ", not done: " + notDone.size() + ".");
        failed.forEach(f -> lines.add("failed: " + f));
        notDone.forEach(a -> lines.add("not done: " + a.kind() + " " + a.target()));
        return lines;
    }
}
