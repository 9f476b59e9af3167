package io.anklume.core.net;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    /**
     * Every IPv4 address of every interface, up or down, as {@code ip -4 addr} lists them, read through
     * the JDK rather than by running {@code ip}: spawning it cost more than the rest of loading a file,
     * which the TUI's plan view does on each re-plan. No networks when they cannot be read or
     * {@code ANKLUME_SKIP_HOST_SUBNET_CHECK=1}.
     */
    public static HostNetworks detect() {
        if ("1".equals(System.getenv("ANKLUME_SKIP_HOST_SUBNET_CHECK"))) {
            return none();
        }
        try {
            return of(assigned());
        } catch (SocketException e) {
            // Also what the JDK throws when no interface has an address (an empty network namespace).
            return none();
        }
    }

    /**
     * Addresses ({@code iface, address/prefix}) as assigned, in interface order. An alias label such
     * as {@code eth0:1} is a sub-interface to the JDK whose addresses its parent also lists, so the
     * top-level interfaces alone see each address once, under the device's name as {@code ip} shows it.
     */
    static List<Entry> assigned() throws SocketException {
        List<NetworkInterface> ifaces = new ArrayList<>(NetworkInterface.networkInterfaces().toList());
        ifaces.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        List<Entry> addresses = new ArrayList<>();
        for (NetworkInterface iface : ifaces) {
            for (InterfaceAddress a : iface.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address v4) {
                    addresses.add(new Entry(iface.getName(), v4.getHostAddress() + "/" + a.getNetworkPrefixLength()));
                }
            }
        }
        return addresses;
    }

    /** The networks of {@code addresses} ({@code iface, address/prefix}) that count: all but {@code lo} and {@code net-*}. */
    static HostNetworks of(List<Entry> addresses) {
        List<Entry> entries = new ArrayList<>();
        for (Entry a : addresses) {
            if (a.iface().equals("lo") || a.iface().startsWith("net-")) {
                continue;
            }
            entries.add(new Entry(a.iface(), Cidr.parse(a.cidr()).network()));
        }
        return new HostNetworks(List.copyOf(entries));
    }
}
