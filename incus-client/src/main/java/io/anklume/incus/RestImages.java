package io.anklume.incus;

import io.anklume.incus.model.Image;
import io.anklume.incus.model.ImageAlias;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.Headers;
import okhttp3.RequestBody;

final class RestImages implements ImagesApi {
    private final Rest rest;

    RestImages(Rest rest) {
        this.rest = rest;
    }

    @Override
    public List<Image> list(String project) {
        return Arrays.asList(rest.get("/1.0/images", Query.project(project).with("recursion", 1), Image[].class));
    }

    @Override
    public Optional<Image> find(String project, String fingerprint) {
        return rest.find("/1.0/images/" + fingerprint, Query.project(project), Image.class);
    }

    @Override
    public Optional<ImageAlias> findAlias(String project, String alias) {
        return rest.find("/1.0/images/aliases/" + alias, Query.project(project), ImageAlias.class);
    }

    @Override
    public OperationHandle importTarball(String project, Path tarball, String alias, Map<String, String> properties) {
        if (!Files.isRegularFile(tarball)) {
            throw new IncusException(0, "no image tarball at " + tarball, "POST /1.0/images");
        }
        Headers.Builder headers = new Headers.Builder()
                .add("X-Incus-fingerprint", sha256(tarball))
                .add("X-Incus-filename", tarball.getFileName().toString())
                .add("X-Incus-public", "false");
        if (properties != null && !properties.isEmpty()) {
            headers.add("X-Incus-properties", form(properties));
        }
        if (alias != null) {
            headers.add("X-Incus-aliases", form(Map.of("alias", alias)));
        }
        return rest.asyncRaw("/1.0/images", Query.project(project),
                RequestBody.create(tarball.toFile(), Rest.OCTETS), headers.build());
    }

    @Override
    public OperationHandle publish(String project, String instance, String alias, Map<String, String> properties) {
        return rest.async("POST", "/1.0/images", Query.project(project), Rest.map(
                "source", Map.of("type", "instance", "name", instance),
                "aliases", alias == null ? List.of() : List.of(Map.of("name", alias)),
                "properties", properties == null ? Map.of() : properties,
                "public", false));
    }

    @Override
    public OperationHandle delete(String project, String fingerprint) {
        return rest.async("DELETE", "/1.0/images/" + fingerprint, Query.project(project), null);
    }

    @Override
    public void createAlias(String project, String alias, String fingerprint, String description) {
        rest.call("POST", "/1.0/images/aliases", Query.project(project),
                Rest.map("name", alias, "target", fingerprint, "description", description));
    }

    @Override
    public void deleteAlias(String project, String alias) {
        rest.call("DELETE", "/1.0/images/aliases/" + alias, Query.project(project), null);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String sha256(Path file) {
        try (var in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IncusException(0, "cannot read " + file + ": " + e.getMessage(), "POST /1.0/images");
        }
    }
}
