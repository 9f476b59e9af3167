package io.anklume.core.net;

/** An IPv4 network; enough arithmetic for overlap and membership checks. */
public record Cidr(long address, int prefix) {

    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/");
        int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("bad prefix length in " + text);
        }
        return new Cidr(toLong(parts[0]) & mask(prefix), prefix);
    }

    /** A dotted IPv4 address as a number; IllegalArgumentException when it is not one. */
    public static long toLong(String ip) {
        String[] o = ip.trim().split("\\.", -1);
        if (o.length != 4) {
            throw new IllegalArgumentException(ip + " is not an IPv4 address");
        }
        long v = 0;
        for (String part : o) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException(ip + " is not an IPv4 address");
            }
            int n = Integer.parseInt(part);
            if (n > 255) {
                throw new IllegalArgumentException(ip + " is not an IPv4 address");
            }
            v = (v << 8) | n;
        }
        return v;
    }

    public static boolean isIpv4(String ip) {
        try {
            toLong(ip);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public boolean contains(String ip) {
        return (toLong(ip) & mask(prefix)) == address;
    }

    public boolean overlaps(Cidr other) {
        int p = Math.min(prefix, other.prefix);
        return (address & mask(p)) == (other.address & mask(p));
    }

    public String network() {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255) + "/" + prefix;
    }

    @Override
    public String toString() {
        return network();
    }
}
