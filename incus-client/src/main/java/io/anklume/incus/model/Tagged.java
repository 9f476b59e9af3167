package io.anklume.incus.model;

/** A value with the ETag it was read at, for a later {@code If-Match} update. */
public record Tagged<T>(T value, String etag) {}
