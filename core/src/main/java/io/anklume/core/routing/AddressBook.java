package io.anklume.core.routing;

import io.anklume.core.inventory.InstanceView;
import io.anklume.core.routing.ssh.SshProxies;
import io.anklume.incus.model.Instance;
import io.anklume.core.inventory.InventorySnapshot;
import java.util.List;
import java.util.Optional;

/**
 * The current IPv4 address of the machines of infra.yml, read from Incus (not from infra.yml: an
 * address given by DHCP, or changed by hand, is what traffic must go to).
 */
@FunctionalInterface
public interface AddressBook {
    Optional<String> ipv4(String domain, String machine);

    /**
     * From an inventory snapshot. A machine is the instance of that name in its domain's project (or
     * marked with that domain); otherwise the only instance of that name; otherwise none.
     */
    static AddressBook of(InventorySnapshot snapshot) {
        return of(snapshot.instances());
    }

    static AddressBook of(List<InstanceView> instances) {
        return (domain, machine) -> {
            List<InstanceView> named = instances.stream().filter(i -> i.name().equals(machine)).toList();
            Optional<InstanceView> chosen = named.stream()
                    .filter(i -> domain.equals(i.ref().project()) || domain.equals(i.domain())).findFirst();
            if (chosen.isEmpty() && named.size() == 1) {
                chosen = Optional.of(named.get(0));
            }
            return chosen.filter(InstanceView::isRunning).map(InstanceView::ipv4).filter(ip -> ip != null && !ip.isBlank());
        };
    }

    /** From instances listed with their state (recursion=2), for commands without a live inventory. */
    static AddressBook ofInstances(List<Instance> instances) {
        return (domain, machine) -> {
            List<Instance> named = instances.stream().filter(i -> i.name().equals(machine)).toList();
            Optional<Instance> chosen = named.stream().filter(i -> domain.equals(i.project())).findFirst();
            if (chosen.isEmpty() && named.size() == 1) {
                chosen = Optional.of(named.get(0));
            }
            return chosen.filter(Instance::isRunning).map(i -> SshProxies.ipv4(i.state()));
        };
    }
}
