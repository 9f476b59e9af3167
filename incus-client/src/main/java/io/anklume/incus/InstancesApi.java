package io.anklume.incus;

import io.anklume.incus.model.ExecResult;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.InstanceState;
import io.anklume.incus.model.StateAction;
import io.anklume.incus.model.Tagged;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Instances. {@code project} null means the default project. */
public interface InstancesApi {

    /** Every instance of every project in one request; {@code withState} uses recursion=2 (slow). */
    List<Instance> listAllProjects(boolean withState);

    /**
     * As {@code listAllProjects(false)} for a caller that needs only some config keys: {@code config} and
     * {@code expanded_config} may leave out the keys {@code configKeys} refuses (their values are skipped
     * unread; most of a list's bytes are {@code volatile.*} values). Each instance is handed to
     * {@code eachRead} as soon as it is read, while the rest of the list is still arriving (on the
     * reading thread).
     */
    default List<Instance> listAllProjects(java.util.function.Predicate<String> configKeys,
                                           java.util.function.Consumer<? super Instance> eachRead) {
        List<Instance> all = listAllProjects(false);
        all.forEach(eachRead);
        return all;
    }

    List<Instance> list(String project, boolean withState);

    /** One instance with its state and snapshots; 404 as {@link IncusException}. */
    Instance get(String project, String name);

    Tagged<Instance> getTagged(String project, String name);

    OperationHandle create(String project, InstanceCreate request);

    /** Sync merge of config and devices; {@code ifMatch} null means unconditional. 412 on a stale ETag. */
    void patch(String project, String name, InstancePut changes, String ifMatch);

    /** Full replace; build it from a fresh GET so volatile keys are kept. */
    OperationHandle put(String project, String name, InstancePut full, String ifMatch);

    OperationHandle rename(String project, String name, String newName);

    OperationHandle delete(String project, String name);

    OperationHandle changeState(String project, String name, StateAction action);

    InstanceState state(String project, String name);

    /** Runs a command to completion with recorded output (cleaned up afterwards). */
    ExecResult exec(String project, String name, List<String> command, Map<String, String> environment,
                    String cwd, Duration timeout);

    /** Interactive exec over the operation websockets, with a PTY of the given size. */
    ExecSession execInteractive(String project, String name, List<String> command,
                                Map<String, String> environment, int width, int height);

    /** The console log (for a running container: what is new since the last read). */
    String consoleLog(String project, String name);
}
