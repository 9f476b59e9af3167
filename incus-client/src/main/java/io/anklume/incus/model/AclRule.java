package io.anklume.incus.model;

/** One rule of a network ACL; action is allow, allow-stateless, drop or reject. Null fields are omitted. */
public record AclRule(String action, String source, String destination, String protocol,
                      String sourcePort, String destinationPort, String icmpType, String icmpCode,
                      String description, String state) {}
