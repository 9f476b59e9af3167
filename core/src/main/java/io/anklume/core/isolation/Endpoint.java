package io.anklume.core.isolation;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.NetworkPolicy;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.DomainAddressing;
import java.util.Optional;

/** One side of a network policy: a whole domain, one machine (by its IP), or the host itself. */
public sealed interface Endpoint {

    /** The domain whose bridge the traffic uses; empty for the host. */
    Optional<String> domain();

    /** A label for people: the domain name, the machine name or "host". */
    String label();

    record WholeDomain(String name, String bridge, String subnet) implements Endpoint {
        public Optional<String> domain() {
            return Optional.of(name);
        }

        public String label() {
            return name;
        }
    }

    record OneMachine(String name, String domainName, String bridge, String ip) implements Endpoint {
        public Optional<String> domain() {
            return Optional.of(domainName);
        }

        public String label() {
            return name;
        }
    }

    record Host() implements Endpoint {
        public String bridge() {
            return null;
        }

        public Optional<String> domain() {
            return Optional.empty();
        }

        public String label() {
            return NetworkPolicy.HOST;
        }
    }

    /** The bridge of the domain, null for the host. */
    String bridge();

    /**
     * Resolves a policy's {@code from} or {@code to}. Empty when the name is not an enabled domain, a
     * machine of one with a known IPv4, or "host": such a policy has nothing to open (the validator
     * reports unknown names; a disabled domain has no bridge).
     */
    static Optional<Endpoint> resolve(String name, Infra infra, AddressPlan addresses) {
        if (NetworkPolicy.HOST.equals(name)) {
            return Optional.of(new Host());
        }
        Optional<Domain> domain = infra.domain(name).filter(Domain::enabled);
        if (domain.isPresent()) {
            DomainAddressing a = addresses.domains().get(name);
            return Optional.of(new WholeDomain(name, domain.get().bridge(), a == null ? null : a.subnet()));
        }
        Optional<Machine> machine = infra.machine(name);
        String ip = addresses.machineIps().get(name);
        if (machine.isEmpty() || ip == null) {
            return Optional.empty();
        }
        Domain owner = infra.domain(machine.get().domain()).orElseThrow();
        return Optional.of(new OneMachine(name, owner.name(), owner.bridge(), ip));
    }
}
