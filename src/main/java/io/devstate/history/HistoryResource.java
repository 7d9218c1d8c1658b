package io.devstate.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.chain.Appended;
import io.devstate.chain.ChainEntry;
import io.devstate.chain.EntryDraft;
import io.devstate.chain.EntryRules;
import io.devstate.chain.HistoryQuery;
import io.devstate.chain.IdempotencyKey;
import io.devstate.chain.LogPosition;
import io.devstate.common.BadRequest;
import io.devstate.common.HeaderNames;
import io.devstate.common.ProjectName;
import io.devstate.security.Caller;
import io.devstate.security.RateLimit;
import io.devstate.security.Roles;
import io.devstate.web.Params;
import io.devstate.web.Replays;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;

@Path("/v1/devstate/history")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    private final HistoryService history;

    public HistoryResource(HistoryService history) {
        this.history = history;
    }

    @RegisterForReflection
    public record AppendRequest(
            String actor,
            String action,
            @JsonProperty("cp_from") String cpFrom,
            @JsonProperty("cp_to") String cpTo,
            @JsonProperty("state_checksum") String stateChecksum,
            JsonNode metadata) {
    }

    @RegisterForReflection
    public record TombstoneResult(String project, long seq, String ts, String hmac,
            @JsonProperty("new_hmac") String newHmac, @JsonProperty("target_seq") long targetSeq, LogPosition log) {
    }

    @POST
    @RateLimit.Mutating
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.WRITER)
    public Uni<Response> append(@QueryParam("project") String project, AppendRequest request,
            @HeaderParam(HeaderNames.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext security) {
        String name = ProjectName.resolve(project);
        EntryDraft draft = toDraft(request, Caller.name(security));
        return history.append(name, draft, IdempotencyKey.of(idempotencyKey, draft.fingerprint()))
                .map(appended -> Replays.mark(Response.created(entryLocation(appended.result().entry()))
                        .entity(AppendResult.of(appended.result())), appended).build());
    }

    @GET
    @Path("/{seq}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<HistoryEntryView> get(@QueryParam("project") String project, @PathParam("seq") String seq) {
        return history.get(ProjectName.resolve(project), seqParam(seq))
                .map(HistoryEntryView::of);
    }

    @GET
    @Path("/search")
    @RolesAllowed(Roles.VIEWER)
    public Uni<SearchCursor.SearchPage> search(@QueryParam("project") String project,
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("cp") String cp,
            @QueryParam("metadata") String metadata,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @HeaderParam(HeaderNames.MIN_SEQ) String minSeq) {
        HistoryQuery query = HistoryCommands.search(ProjectName.resolve(project), actor, action, since, until, cp,
                Params.jsonObject("metadata", metadata), cursor, (int) Params.longInRange("limit", limit,
                        HistoryCommands.DEFAULT_LIMIT, 1, HistoryCommands.MAX_LIMIT));
        return history.requireIncludes(query.project(), Params.minimum(HeaderNames.MIN_SEQ, minSeq))
                .chain(() -> history.search(query))
                .map(records -> SearchCursor.page(records, query.limit()));
    }

    @DELETE
    @RateLimit.Mutating
    // Not "search": DELETE /history/search is 405 (only GET is served there), not a malformed seq.
    @Path("/{seq: (?!search$)[^/]+}")
    @RolesAllowed(Roles.WRITER)
    public Uni<TombstoneResult> tombstone(@QueryParam("project") String project, @PathParam("seq") String seq,
            @HeaderParam(HeaderNames.ACTOR) String actor,
            @HeaderParam(HeaderNames.METADATA) String metadata,
            @Context SecurityContext security) {
        long target = seqParam(seq);
        return history.tombstone(ProjectName.resolve(project), target, EntryRules.actor(Params.actor(actor)),
                Caller.name(security), Params.metadataHeader(metadata))
                .map(appended -> tombstoned(appended, target));
    }

    private static TombstoneResult tombstoned(Appended appended, long target) {
        ChainEntry entry = appended.entry();
        return new TombstoneResult(entry.project(), entry.seq(), entry.ts(), entry.hmac(), entry.hmac(), target,
                appended.log());
    }

    private static EntryDraft toDraft(AppendRequest request, String principal) {
        if (request == null) {
            throw new BadRequest("a JSON body is required");
        }
        return HistoryCommands.append(request.actor(), request.action(), request.cpFrom(), request.cpTo(),
                request.stateChecksum(), request.metadata(), principal);
    }

    private static long seqParam(String raw) {
        return Params.longInRange("seq", raw, 0, 1, Long.MAX_VALUE);
    }

    private static URI entryLocation(ChainEntry entry) {
        return URI.create("/v1/devstate/history/" + entry.seq() + "?project=" + entry.project());
    }
}
