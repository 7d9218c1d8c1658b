package io.devstate.mcp;

import io.devstate.common.BadRequest;
import io.devstate.common.ProjectName;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.Prompt;
import io.quarkiverse.mcp.server.PromptArg;
import io.quarkiverse.mcp.server.PromptMessage;

/**
 * Prompts for the two things people most often ask an agent to do with DevState: tell what
 * changed since a checkpoint, and move the state on without racing another agent. Each spells out
 * the tool calls, so the agent follows the audited path (lock, conditional update, unlock).
 */
public class DevStatePrompts {

    @Prompt(name = "summarise_changes_since", title = "Summarise changes since a checkpoint",
            description = "Summarise what changed in a project since it reached a checkpoint, from its history.")
    public PromptMessage summariseChangesSince(
            @PromptArg(description = "Checkpoint, e.g. CP1-LC") String checkpoint,
            @PromptArg(description = "Project name", required = false, defaultValue = ProjectName.DEFAULT) String project) {
        String name = project(project);
        return PromptMessage.withUserRole("""
                Summarise what changed in the DevState project "%1$s" since checkpoint %2$s.
                1. Call search_history with project "%1$s" and cp "%2$s" and take the oldest entry whose cp_to is \
                %2$s: that is when the project reached it (if there is none, say so and stop).
                2. Call search_history with project "%1$s" and since set to that entry's ts; follow next_cursor \
                until it is null.
                3. Call verify_hmac_chain for "%1$s" and report whether the chain is intact.
                Summarise the entries oldest first: who (actor, and metadata.principal, the token that wrote \
                it), what (action, cp_from -> cp_to) and when (ts); group repeated actions; end with the current \
                checkpoint from get_state.""".formatted(name, checkpoint));
    }

    @Prompt(name = "move_to_checkpoint", title = "Move the state to a checkpoint",
            description = "Change current_cp safely: lock the state, update it on the checksum read, unlock.")
    public PromptMessage moveToCheckpoint(
            @PromptArg(description = "The checkpoint to move to, e.g. CP2-LC") String checkpoint,
            @PromptArg(description = "Project name", required = false, defaultValue = ProjectName.DEFAULT) String project) {
        String name = project(project);
        return PromptMessage.withUserRole("""
                Move the DevState project "%1$s" to checkpoint %2$s:
                1. get_state (project "%1$s"): note checksum and current_cp; if current_cp is already %2$s, stop.
                2. lock_state with ttl_sec 300 (scope "state"): keep lock_id. A 409 means another agent holds \
                it: report the holder and stop.
                3. update_state with patch {"current_cp": "%2$s"}, lock_id and if_match set to the checksum from \
                step 1. A 412 means the state changed meanwhile: read it again and ask before retrying.
                4. unlock_state with the lock_id, also when step 3 failed.
                Report the new version and the seq of the history entry that records the change.""".formatted(name,
                checkpoint));
    }

    private static String project(String project) {
        try {
            return ProjectName.resolve(project);
        } catch (BadRequest e) {
            throw new McpException(e.getMessage(), JsonRpcErrorCodes.INVALID_PARAMS);
        }
    }
}
