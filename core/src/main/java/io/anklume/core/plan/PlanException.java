package io.anklume.core.plan;

/** The infra file asks for something the planner cannot do; the message is meant for users. */
public class PlanException extends RuntimeException {
    public PlanException(String message) {
        super(message);
    }
}
