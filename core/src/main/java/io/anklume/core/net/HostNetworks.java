package io.anklume.core.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host's own IPv4 networks (interface, CIDR), which no domain subnet may overlap: a bridge on a
 * network the host already routes cuts the host off. {@code lo} and the domains' own {@code net-*}
 * bridges are left out, as anklume does.
 */
public record HostNetworks(List<Entry> entries) {
    public record Entry(String iface, String cidr) {}

    public static HostNetworks none() {
        return new HostNetworks(List.of());
    }

    /** Reads {@code ip -4 -o addr show}; no networks when it cannot be read or {@code ANKLUME_SKIP_HOST_SUBNET_CHECK=1}. */
    public static HostNetworks detect() {
        if ("1".equals(System.getenv("ANKLUME_SKIP_HOST_SUBNET_CHECK"))) {
            return none();
        }
        try {
            Process p = new ProcessBuilder("ip", "-4", "-o", "addr", "show").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return none();
            }
            return parse(out);
        } catch (IOException e) {
            return none();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none();
        }
    }

    /** Lines like {@code 2: eth0    inet 192.168.1.5/24 brd ... scope global eth0}. */
    static HostNetworks parse(String ipOutput) {
        List<Entry> entries = new ArrayList<>();
        for (String line : ipOutput.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[2].equals("inet")) {
                continue;
            }
            String iface = f[1].replaceAll("[@:].*$", "");
            if (iface.equals("lo") || iface.startsWith("net-")) {
                continue;
            }
            entries.add(new Entry(iface, Cidr.parse(f[3]).network()));
        }
        return new HostNetworks(List.copyOf(entries));
    }
}
