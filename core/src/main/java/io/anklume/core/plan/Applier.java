package io.anklume.core.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a plan with at most {@code parallelism} actions at once. Inside a domain, an action waits for
 * every action of an earlier stage (project → bridge → profiles → instances) and for the earlier
 * actions on the same target; different domains and different instances run side by side, except
 * that no instance action starts before every bridge of the plan is made (below). After the first
 * failure nothing new is started, the running actions finish, and the report lists the rest as not
 * done.
 */
public final class Applier {
    private final ActionRunner runner;
    private final int parallelism;
    private final ApplyListener listener;

    public Applier(ActionRunner runner, int parallelism, ApplyListener listener) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.runner = runner;
        this.parallelism = parallelism;
        this.listener = listener;
    }

    public ApplyReport apply(Plan plan) {
        List<Action> actions = plan.actions();
        Map<Action, List<Action>> prerequisites = prerequisites(actions);
        Set<Action> pending = new LinkedHashSet<>(actions);
        Set<Action> done = newIdentitySet();
        List<ApplyReport.Failure> failed = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "anklume-apply");
            t.setDaemon(true);
            return t;
        });
        CompletionService<Action> completions = new ExecutorCompletionService<>(pool);
        Map<Future<Action>, Action> running = new IdentityHashMap<>();
        AtomicBoolean failing = new AtomicBoolean();
        try {
            while (true) {
                // The flag is set by the failing worker itself, before any later completion is seen here.
                if (!failing.get()) {
                    for (Action a : List.copyOf(pending)) {
                        if (running.size() >= parallelism) {
                            break;
                        }
                        if (done.containsAll(prerequisites.get(a))) {
                            pending.remove(a);
                            running.put(completions.submit(() -> execute(a, failing)), a);
                        }
                    }
                }
                if (running.isEmpty()) {
                    break;
                }
                Future<Action> finished = completions.take();
                Action a = running.remove(finished);
                try {
                    finished.get();
                    done.add(a);
                } catch (ExecutionException e) {
                    failed.add(new ApplyReport.Failure(a, messageOf(e.getCause())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.values().forEach(pending::add);
        } finally {
            pool.shutdownNow();
        }
        List<Action> doneInOrder = actions.stream().filter(done::contains).toList();
        List<Action> notDone = actions.stream().filter(pending::contains).toList();
        return new ApplyReport(doneInOrder, failed, notDone);
    }

    private Action execute(Action a, AtomicBoolean failing) throws Exception {
        listener.started(a);
        try {
            runner.run(a);
        } catch (Exception e) {
            failing.set(true);
            listener.failed(a, messageOf(e));
            throw e;
        }
        listener.succeeded(a);
        return a;
    }

    /** For each action, the actions it must wait for. */
    static Map<Action, List<Action>> prerequisites(List<Action> actions) {
        Map<Action, List<Action>> result = new IdentityHashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            List<Action> before = new ArrayList<>();
            for (int j = 0; j < actions.size(); j++) {
                Action b = actions.get(j);
                if (j < i && waitsFor(a, b) || j != i && waitsForBridge(a, b)) {
                    before.add(b);
                }
            }
            result.put(a, before);
        }
        return result;
    }

    private static boolean waitsFor(Action a, Action earlier) {
        boolean sameDomain = earlier.domain().equals(a.domain());
        // A failed safeguard must stop the apply before anything changes, in every domain.
        boolean safeguard = earlier.stage() == Action.STAGE_SAFEGUARD && a.stage() != Action.STAGE_SAFEGUARD;
        return safeguard || sameDomain && (earlier.stage() < a.stage() || earlier.target().equals(a.target()));
    }

    /**
     * Incus 6.0 starts a new bridge by listing the host's interfaces and fails the create ("Failed to
     * delete bridge children interfaces ... does not exist") when one vanishes meanwhile, as an
     * instance's veth does when it starts or stops. So every bridge of the plan, in any domain and
     * wherever it stands in the plan, is made before any instance action runs.
     */
    private static boolean waitsForBridge(Action a, Action other) {
        return a.stage() == Action.STAGE_INSTANCE && other.stage() == Action.STAGE_NETWORK;
    }

    static String messageOf(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static Set<Action> newIdentitySet() {
        return java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
