package io.devstate.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.devstate.common.Json;
import io.devstate.config.DevStateConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The last step before an entry is signed: secret-looking values are masked (keys compared as
 * {@link KeyNames#fold} reads them, so look-alike spellings are masked too), the authenticated
 * principal is recorded (so "who really did it" is covered by the HMAC), and the result is put in
 * canonical form so it reads back from the database exactly as it was signed.
 */
@ApplicationScoped
public class AuditMetadata {

    public static final String MASK = "[MASKED]";
    public static final String PRINCIPAL = "principal";

    private final Set<String> maskedKeys;

    @Inject
    public AuditMetadata(DevStateConfig config) {
        this(Set.copyOf(config.audit().maskedKeys()));
    }

    AuditMetadata(Set<String> maskedKeys) {
        this.maskedKeys = maskedKeys.stream().map(KeyNames::fold).collect(Collectors.toUnmodifiableSet());
    }

    public EntryDraft finish(EntryDraft draft) {
        JsonNode metadata = draft.metadata();
        if (metadata == null && draft.principal() == null) {
            return draft;
        }
        ObjectNode finished = metadata == null ? Json.object() : (ObjectNode) mask(metadata.deepCopy());
        if (draft.principal() != null) {
            finished.put(PRINCIPAL, draft.principal());
        }
        return draft.withMetadata(Json.normalise(finished));
    }

    private JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                if (maskedKeys.contains(KeyNames.fold(member.getKey())) && !member.getValue().isNull()) {
                    member.setValue(TextNode.valueOf(MASK));
                } else {
                    mask(member.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::mask);
        }
        return node;
    }
}
