package io.anklume.core;

/**
 * A user action on an instance that could not be done; the message names the instance and the action
 * ("cannot delete lab/web: instance is protected (security.protection.delete=true)").
 */
public class ActionException extends RuntimeException {
    private final String target;
    private final String action;

    public ActionException(String target, String action, String reason, Throwable cause) {
        super("cannot " + action + " " + target + ": " + reason, cause);
        this.target = target;
        this.action = action;
    }

    public ActionException(String target, String action, String reason) {
        this(target, action, reason, null);
    }

    public String target() {
        return target;
    }

    public String action() {
        return action;
    }
}
