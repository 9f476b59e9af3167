package io.anklume.core.isolation;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.InfraLoader;
import io.anklume.core.infra.LoadResult;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.DomainAddressing;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.ExecResult;
import io.anklume.incus.model.InstanceCreate;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three domains on the real Incus for the isolation tests: bridges {@code net-<domain>} (NAT-less,
 * random 10.2xx.y.0/24, test marker), busybox containers with httpd on 8080 and 8081, and the infra
 * whose domains are those bridges. Everything is removed by {@link #close()}.
 */
final class IsolationLab implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    final IncusLab lab;
    final List<String> domains = new ArrayList<>();
    final Map<String, String> prefixes = new LinkedHashMap<>();
    final Map<String, String> ips = new LinkedHashMap<>();

    IsolationLab() {
        lab = IncusLab.create();
        try {
            for (int i = 0; i < 3; i++) {
                String domain = "i" + random(5);
                prefixes.put(domain, IncusLab.createBridge(lab.client(), "net-" + domain,
                        String.valueOf(Instant.now().getEpochSecond())));
                domains.add(domain);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String a() { return domains.get(0); }

    String b() { return domains.get(1); }

    String c() { return domains.get(2); }

    /** Launches a container on a domain's bridge, serving "ok" on 8080 and 8081; returns its IPv4. */
    String launch(String name, String domain) {
        InstanceCreate create = lab.busybox(name, true);
        create.devices().put("eth0", Map.of("type", "nic", "network", "net-" + domain, "name", "eth0"));
        lab.client().instances().create(lab.project(), create).await(Duration.ofSeconds(60));
        String ip = lab.waitForIpv4(lab.project(), "net-" + domain, name, Duration.ofSeconds(30));
        ExecResult r = lab.exec(name, "sh", "-c", "mkdir -p /www && echo ok > /www/index.html"
                + " && httpd -p 8080 -h /www && httpd -p 8081 -h /www");
        if (r.exitCode() != 0) {
            throw new AssertionError("httpd did not start in " + name + ": " + r.stderr());
        }
        ips.put(name, ip);
        return ip;
    }

    /** TCP: an HTTP GET from {@code from} to {@code to}:port, failing within 3 s when blocked (this busybox
     * wget crashes with its own -T, so timeout bounds it). */
    boolean tcp(String from, String to, int port) {
        ExecResult r = lab.exec(from, "timeout", "3", "wget", "-q", "-O", "-",
                "http://" + ips.get(to) + ":" + port + "/");
        return r.exitCode() == 0 && r.stdout().contains("ok");
    }

    boolean ping(String from, String to) {
        return lab.exec(from, "ping", "-c1", "-W1", ips.get(to)).exitCode() == 0;
    }

    /** The infra of the three domains; {@code policies} is the YAML of the network_policies list. */
    Infra infra(String mode, Map<String, List<String>> machines, String policies) {
        StringBuilder yaml = new StringBuilder("project_name: isolation-it\nglobal:\n  firewall_mode: " + mode
                + "\n  addressing: {base_octet: 10, zone_base: 100}\ndomains:\n");
        for (String d : domains) {
            yaml.append("  ").append(d).append(":\n    trust_level: trusted\n    machines:\n");
            for (String m : machines.getOrDefault(d, List.of())) {
                yaml.append("      ").append(m).append(": {}\n");
            }
        }
        yaml.append("network_policies:\n").append(policies.isBlank() ? "  []\n" : policies);
        LoadResult loaded = InfraLoader.parse("infra.yml", yaml.toString());
        if (loaded.hasErrors()) {
            throw new AssertionError(loaded.problems() + "\n" + yaml);
        }
        return loaded.infra();
    }

    /** The lab's real subnets and leased IPs, in place of anklume's allocation (which the lab cannot use). */
    AddressPlan addresses() {
        Map<String, DomainAddressing> byDomain = new LinkedHashMap<>();
        prefixes.forEach((d, p) -> byDomain.put(d, new DomainAddressing(d, "net-" + d, 0, 0, p + ".0/24", p + ".1")));
        return new AddressPlan(byDomain, Map.copyOf(ips));
    }

    static String random(int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Override
    public void close() {
        IncusClient client = lab.client();
        List<RuntimeException> failures = new ArrayList<>();
        try {
            new AclFirewall(client, false).remove(name -> domains.stream().anyMatch(d -> name.equals(AclRules.name(d))));
        } catch (RuntimeException e) {
            failures.add(e);
        }
        for (String name : List.copyOf(ips.keySet())) {
            try {
                IncusLab.forceDelete(client, lab.project(), name);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (String d : domains) {
            for (int attempt = 0; attempt < 10; attempt++) {
                try {
                    client.networks().delete(null, "net-" + d);
                    break;
                } catch (IncusException e) {
                    if (e.isNotFound()) {
                        break;
                    }
                    IncusLab.sleep(300);
                }
            }
        }
        lab.close();
        if (!failures.isEmpty()) {
            throw new AssertionError("isolation lab cleanup failed: " + failures.get(0).getMessage(), failures.get(0));
        }
    }
}
