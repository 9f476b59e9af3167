package io.anklume.incus.model;

public record ImageAlias(String name, String target, String type, String description) {}
