package io.anklume.incus;

import java.nio.file.Files;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXSocket;

/** Run in a child JVM by {@link NativeLibraryOverrideTest}: loads junixsocket and prints where its library was mapped from. */
final class NativeLibraryProbe {
    private NativeLibraryProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println("supported " + AFUNIXSocket.isSupported());
        Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("junixsocket"))
                .map(l -> l.substring(l.indexOf('/')))
                .distinct()
                .forEach(path -> System.out.println("mapped " + path));
    }
}
