package io.devstate.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Read-your-writes for MCP sessions, as the HTTP clients get it with {@code DevState-Min-Version}
 * and {@code DevState-Min-Seq}: the newest state version and history seq each session wrote per
 * project, which its later reads present as their minimum. Bounded: the least recently used
 * session/project pairs are forgotten first (their reads then simply carry no minimum).
 */
@ApplicationScoped
public class SessionWrites {

    static final int MAX_ENTRIES = 10_000;

    /** The newest write of one session to one project. */
    record Written(long version, long seq) {

        static final Written NONE = new Written(0, 0);

        Written newest(Written other) {
            return new Written(Math.max(version, other.version), Math.max(seq, other.seq));
        }
    }

    private final Map<String, Written> written = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public synchronized void wrote(String session, String project, long version, long seq) {
        written.merge(key(session, project), new Written(version, seq), Written::newest);
    }

    public synchronized Written of(String session, String project) {
        return written.getOrDefault(key(session, project), Written.NONE);
    }

    private static String key(String session, String project) {
        return session + '\n' + project;
    }
}
