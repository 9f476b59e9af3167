package io.anklume.core.plan;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Global;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.SourceMap;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.DomainAddressing;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for infra records, address plans and "observed" Incus objects. */
public final class Fixtures {
    private Fixtures() {}

    public static Machine machine(String name, String domain, Map<String, String> config) {
        return new Machine(name, domain, "", Machine.Type.LXC, null, null, null, false, List.of(), null, null, null,
                null, null, config, Map.of(), Map.of(), Map.of(), List.of());
    }

    public static Domain domain(String name, TrustLevel trust, Machine... machines) {
        return new Domain(name, "", true, null, trust, false, Map.of(), List.of(machines));
    }

    public static Infra infra(Domain... domains) {
        return new Infra("test", new Global(10, 100, "busybox", Global.GpuPolicy.EXCLUSIVE, Global.FirewallMode.HOST,
                null), List.of(domains), List.of(), new SourceMap("infra.yml", Map.of()));
    }

    /** Domains numbered in the order given, machines .1, .2, ... in declaration order. */
    public static AddressPlan addresses(Infra infra) {
        Map<String, DomainAddressing> domains = new LinkedHashMap<>();
        Map<String, String> ips = new LinkedHashMap<>();
        int seq = 0;
        for (Domain d : infra.enabledDomains()) {
            int zone = 100 + d.trustLevel().zoneOffset();
            String prefix = "10." + zone + "." + seq + ".";
            domains.put(d.name(), new DomainAddressing(d.name(), d.bridge(), zone, seq, prefix + "0/24", prefix + "254"));
            int host = 1;
            for (Machine m : d.machines()) {
                ips.put(m.name(), m.ip() != null ? m.ip() : prefix + host++);
            }
            seq++;
        }
        return new AddressPlan(domains, ips);
    }

    /** The Incus objects an apply of {@code desired} would leave behind, plus what Incus adds itself. */
    public static ObservedState converged(DesiredState desired) {
        Map<String, Project> projects = new LinkedHashMap<>();
        Map<String, Network> networks = new LinkedHashMap<>();
        Map<String, Map<String, Profile>> profiles = new LinkedHashMap<>();
        List<Instance> instances = new ArrayList<>();
        networks.put("anklumebr0", new Network("anklumebr0", "bridge", "", true, "Created", Map.of(), List.of(), "default"));
        for (DesiredState.DomainState d : desired.domains()) {
            Map<String, String> pc = new LinkedHashMap<>(d.project().config());
            pc.put("features.storage.volumes", "true");
            projects.put(d.name(), new Project(d.name(), "", pc, List.of()));
            Map<String, String> nc = new LinkedHashMap<>(d.network().config());
            nc.put("volatile.bridge.hwaddr", "00:16:3e:00:00:01");
            networks.put(d.network().name(), new Network(d.network().name(), "bridge", "", true, "Created", nc,
                    List.of(), "default"));
            Map<String, Profile> byName = new LinkedHashMap<>();
            for (DesiredState.ProfileState p : d.profiles()) {
                byName.put(p.name(), new Profile(p.name(), "", p.config(), p.devices(), List.of(), p.project()));
            }
            profiles.put(d.name(), byName);
            for (DesiredState.InstanceState i : d.instances()) {
                instances.add(instance(i.project(), i.name(), "Running", withVolatile(i.config()), i.devices(), i.profiles()));
            }
        }
        return new ObservedState(projects, networks, profiles, instances);
    }

    public static Map<String, String> withVolatile(Map<String, String> config) {
        Map<String, String> c = new LinkedHashMap<>(config);
        c.put("volatile.eth0.hwaddr", "00:16:3e:aa:bb:cc");
        c.put("volatile.last_state.power", "RUNNING");
        c.put("image.os", "busybox");
        return c;
    }

    public static Instance instance(String project, String name, String status, Map<String, String> config,
                             Map<String, Map<String, String>> devices, List<String> profiles) {
        return new Instance(name, project, "container", status, "Running".equals(status) ? 103 : 102, "none", "",
                config, devices, profiles, false, false, null, null, config, devices, null, null);
    }

    public static ObservedState replaceInstance(ObservedState s, Instance replacement) {
        List<Instance> list = new ArrayList<>(s.instances());
        list.replaceAll(i -> i.name().equals(replacement.name()) && i.project().equals(replacement.project())
                ? replacement : i);
        return new ObservedState(s.projects(), s.networks(), s.profilesByProject(), list);
    }

    public static ObservedState addInstance(ObservedState s, Instance extra) {
        List<Instance> list = new ArrayList<>(s.instances());
        list.add(extra);
        return new ObservedState(s.projects(), s.networks(), s.profilesByProject(), list);
    }

    public static ObservedState empty() {
        return new ObservedState(Map.of(), Map.of(), Map.of(), List.of());
    }
}
