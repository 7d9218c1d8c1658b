package io.devstate.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code project} label value for a project: its name for the first {@code cap} projects this
 * process sees, {@link #OTHER} for every later one. Project names come from clients, and each name
 * would otherwise add series to every per-project meter for as long as the process lives.
 * {@code _other} cannot be a project's name (names start with a letter or digit).
 */
final class ProjectLabels {

    static final String OTHER = "_other";

    private final int cap;
    private final Set<String> named = ConcurrentHashMap.newKeySet();

    ProjectLabels(int cap) {
        this.cap = Math.max(0, cap);
    }

    String of(String project) {
        if (named.contains(project)) {
            return project;
        }
        // Two threads may both pass the size check and go one over the cap: harmless, and no lock.
        if (named.size() < cap && named.add(project)) {
            return project;
        }
        return named.contains(project) ? project : OTHER;
    }
}
