package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bound on listed projects, without a server: what is listed, kept and delisted, in order. */
class ListedProjectsTest {

    private final List<String> calls = new ArrayList<>();
    private final ListedProjects<String> listed = new ListedProjects<>(2,
            project -> {
                calls.add("list " + project);
                return "resources of " + project;
            },
            (project, resources) -> calls.add("delist " + project + " with " + resources));

    @Test
    void aProjectIsListedOnceAndKeepsWhatListingItMade() {
        assertThat(listed.active("a")).isEqualTo("resources of a");
        assertThat(listed.active("a")).isEqualTo("resources of a");

        assertThat(calls).containsExactly("list a");
    }

    @Test
    void pastTheBoundTheLeastRecentlyActiveProjectIsDelisted() {
        listed.active("a");
        listed.active("b");
        listed.active("a");
        listed.active("c");

        assertThat(calls).containsExactly("list a", "list b", "list c", "delist b with resources of b");
    }

    @Test
    void theProjectsFoundAtStartUpTakeOnlyTheRoomLeft() {
        listed.active("a");

        assertThat(listed.listIfRoom("b")).isTrue();
        assertThat(listed.listIfRoom("a")).isTrue();
        assertThat(listed.listIfRoom("c")).isFalse();
        assertThat(calls).containsExactly("list a", "list b");
    }

    @Test
    void beingFoundAtStartUpDoesNotCountAsActivity() {
        listed.active("a");
        listed.active("b");
        listed.listIfRoom("a");
        listed.active("c");

        assertThat(calls).containsExactly("list a", "list b", "list c", "delist a with resources of a");
    }
}
