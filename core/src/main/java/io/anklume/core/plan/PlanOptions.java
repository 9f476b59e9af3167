package io.anklume.core.plan;

/** {@code domain} null means every enabled domain; orphans are deleted only when asked. */
public record PlanOptions(boolean deleteOrphans, String domain) {
    public static final PlanOptions DEFAULT = new PlanOptions(false, null);

    public boolean includes(String domainName) {
        return domain == null || domain.equals(domainName);
    }
}
