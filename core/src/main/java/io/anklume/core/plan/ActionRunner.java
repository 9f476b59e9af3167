package io.anklume.core.plan;

/** Carries out one action; throws with a user-facing message when Incus refuses it. */
@FunctionalInterface
public interface ActionRunner {
    void run(Action action) throws Exception;
}
