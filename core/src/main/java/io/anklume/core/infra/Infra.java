package io.anklume.core.infra;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A loaded infra.yml. Domains and machines keep file order. */
public record Infra(String projectName, Global global, List<Domain> domains, List<NetworkPolicy> networkPolicies,
                    SourceMap source) {

    public Optional<Domain> domain(String name) {
        return domains.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Domains with {@code enabled: true}. */
    public List<Domain> enabledDomains() {
        return domains.stream().filter(Domain::enabled).toList();
    }

    public Stream<Machine> machines() {
        return enabledDomains().stream().flatMap(d -> d.machines().stream());
    }

    public Optional<Machine> machine(String name) {
        return machines().filter(m -> m.name().equals(name)).findFirst();
    }
}
