package io.anklume.incus.model;

/** Outcome of a non-interactive exec with recorded output. */
public record ExecResult(int exitCode, String stdout, String stderr) {}
