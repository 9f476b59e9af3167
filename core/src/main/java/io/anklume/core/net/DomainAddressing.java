package io.anklume.core.net;

/** The network of one domain: {@code subnet} like "10.110.0.0/24", gateway "10.110.0.254". */
public record DomainAddressing(String domain, String bridge, int zone, int seq, String subnet, String gateway) {
    public String gatewayCidr() {
        return gateway + "/24";
    }
}
