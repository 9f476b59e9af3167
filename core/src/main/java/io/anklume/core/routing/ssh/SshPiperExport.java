package io.anklume.core.routing.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a working directory for sshpiper's {@code workingdir} plugin: {@code <dir>/<machine>/sshpiper_upstream}
 * holding {@code <user>@<ip>:22} (so {@code ssh -p 2222 <machine>@host} reaches the instance) and, when
 * given, {@code authorized_keys} (the keys allowed to log in through sshpiper). sshpiper refuses files
 * other users can read: directories are 0700, files 0600. Only directories anklume wrote (their upstream
 * file starts with {@value #MARKER}) are ever replaced or removed.
 */
public final class SshPiperExport {
    public static final String MARKER = "# written by anklume-tui";
    /** sshpiper's default user-name rule (and useradd's). */
    public static final Pattern USER = Pattern.compile("^[a-z_][-a-z0-9_]{0,31}$");
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    /** What was written and removed, and the routes left out (with the reason). */
    public record Result(List<String> written, List<String> removed, List<String> skipped) {}

    private SshPiperExport() {}

    /** @param authorizedKeys OpenSSH authorized_keys text for every entry, or null for none */
    public static Result write(Path dir, List<SshRoute> routes, String authorizedKeys) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, DIR);
        List<String> written = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> keep = new HashSet<>();
        for (SshRoute r : routes) {
            if (!USER.matcher(r.machine()).matches()) {
                skipped.add(r.machine() + ": not a valid sshpiper user name (" + USER.pattern() + ")");
                continue;
            }
            if (!USER.matcher(r.user()).matches()) {
                skipped.add(r.machine() + ": upstream user '" + r.user() + "' is not a valid user name");
                continue;
            }
            if (r.ipv4() == null) {
                skipped.add(r.machine() + ": no address (not running?)");
                keep.add(r.machine());
                continue;
            }
            Path sub = dir.resolve(r.machine());
            if (Files.exists(sub, LinkOption.NOFOLLOW_LINKS) && !ours(sub)) {
                skipped.add(r.machine() + ": " + sub + " exists and was not written by anklume-tui");
                keep.add(r.machine());
                continue;
            }
            Files.createDirectories(sub);
            Files.setPosixFilePermissions(sub, DIR);
            writePrivate(sub.resolve("sshpiper_upstream"), MARKER + "\n" + r.user() + "@" + r.ipv4() + ":22\n");
            if (authorizedKeys != null) {
                writePrivate(sub.resolve("authorized_keys"), authorizedKeys.endsWith("\n") ? authorizedKeys
                        : authorizedKeys + "\n");
            }
            written.add(r.machine());
            keep.add(r.machine());
        }
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path sub : entries) {
                String name = sub.getFileName().toString();
                if (!keep.contains(name) && Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS) && ours(sub)) {
                    Files.deleteIfExists(sub.resolve("sshpiper_upstream"));
                    Files.deleteIfExists(sub.resolve("authorized_keys"));
                    try {
                        Files.delete(sub);
                    } catch (java.nio.file.DirectoryNotEmptyException e) {
                        // Someone put more files there: leave the directory, it no longer routes anywhere.
                    }
                    removed.add(name);
                }
            }
        }
        return new Result(written, removed, skipped);
    }

    private static boolean ours(Path sub) throws IOException {
        Path upstream = sub.resolve("sshpiper_upstream");
        if (!Files.isRegularFile(upstream, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        List<String> lines = Files.readAllLines(upstream, StandardCharsets.UTF_8);
        return !lines.isEmpty() && lines.get(0).equals(MARKER);
    }

    /** Written to a 0600 temporary file first, then moved over: never readable by others, never half written. */
    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".anklume-", ".tmp",
                PosixFilePermissions.asFileAttribute(FILE));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(file, FILE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
