package io.anklume.core.infra;

import java.util.Map;

public record ProfileSpec(String name, Map<String, String> config, Map<String, Map<String, String>> devices) {}
