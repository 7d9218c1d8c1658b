package io.devstate.chain;

import java.util.Arrays;

/**
 * The entry actions only the service writes; a client's {@code POST /history} with one of them is
 * refused ({@link EntryRules}). Their names are stored in the chain and signed.
 */
public enum SystemAction {
    /** A state write: the entry records the checkpoints and the new state's checksum. */
    UPDATE_STATE("update_state"),
    /** Marks an earlier entry as withdrawn; nothing is ever deleted. */
    TOMBSTONE("tombstone"),
    /** The signing key changed; the entry is signed with the new one. */
    KEY_ROTATED("key_rotated"),
    /** Reserved for imports. */
    IMPORT("import");

    private final String action;

    SystemAction(String action) {
        this.action = action;
    }

    /** The action as stored and signed. */
    public String action() {
        return action;
    }

    public boolean is(String storedAction) {
        return action.equals(storedAction);
    }

    public static boolean isReserved(String action) {
        return Arrays.stream(values()).anyMatch(reserved -> reserved.is(action));
    }
}
