package io.anklume.core.infra;

import java.util.Map;

/** Position of every value of a loaded file by its dotted path ({@code domains.pro.machines.pro-dev.ip}). */
public record SourceMap(String file, Map<String, Position> positions) {
    public Position at(String path) {
        Position p = positions.get(path);
        while (p == null && path.contains(".")) {
            path = path.substring(0, path.lastIndexOf('.'));
            p = positions.get(path);
        }
        return p != null ? p : Position.unknown(file);
    }
}
