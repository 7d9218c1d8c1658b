package io.devstate.mcp;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * At most {@code max} projects, each with what listing it made ({@code R}): a further project
 * delists the one least recently active. {@code list} and {@code delist} run under this object's
 * lock, so a project is never being listed and delisted at the same time.
 */
final class ListedProjects<R> {

    private final int max;
    private final Function<String, R> list;
    private final BiConsumer<String, R> delist;
    /** In access order: the first is the least recently active. */
    private final LinkedHashMap<String, R> projects = new LinkedHashMap<>(16, 0.75f, true);

    ListedProjects(int max, Function<String, R> list, BiConsumer<String, R> delist) {
        this.max = max;
        this.list = list;
        this.delist = delist;
    }

    /** The project was active (changed, or read): listed if it was not, and now the last to go. */
    synchronized R active(String project) {
        R listed = projects.get(project);
        if (listed != null) {
            return listed;
        }
        listed = list.apply(project);
        projects.put(project, listed);
        if (projects.size() > max) {
            Iterator<Map.Entry<String, R>> eldest = projects.entrySet().iterator();
            Map.Entry<String, R> out = eldest.next();
            eldest.remove();
            delist.accept(out.getKey(), out.getValue());
        }
        return listed;
    }

    /**
     * Lists the project only while there is room, delisting none (the projects found at start-up
     * must not push out those active meanwhile); whether it is listed.
     */
    synchronized boolean listIfRoom(String project) {
        if (projects.containsKey(project)) {
            return true;
        }
        if (projects.size() >= max) {
            return false;
        }
        projects.put(project, list.apply(project));
        return true;
    }
}
