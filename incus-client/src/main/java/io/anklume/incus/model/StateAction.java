package io.anklume.incus.model;

/** {@code PUT /1.0/instances/<n>/state}. {@code timeoutSeconds} null means a clean, unbounded stop. */
public record StateAction(Kind action, Integer timeoutSeconds, boolean force, boolean stateful) {
    public enum Kind { START, STOP, RESTART, FREEZE, UNFREEZE }

    public static StateAction of(Kind kind) {
        return new StateAction(kind, null, false, false);
    }
}
