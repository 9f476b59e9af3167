package io.anklume.core.infra;

/** Automatic CPU/memory split. Reserves are "20%" or absolute ("2", "4GiB") as written. */
public record ResourcePolicy(String hostReserveCpu, String hostReserveMemory, Mode mode, CpuMode cpuMode,
                             MemoryEnforce memoryEnforce, boolean overcommit) {
    public enum Mode { PROPORTIONAL, EQUAL }

    public enum CpuMode { ALLOWANCE, COUNT }

    public enum MemoryEnforce { SOFT, HARD }
}
