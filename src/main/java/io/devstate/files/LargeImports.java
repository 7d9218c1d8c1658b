package io.devstate.files;

import io.devstate.common.ProblemType;
import io.devstate.common.RetryLater;
import io.devstate.config.DevStateConfig;
import io.devstate.web.EdgeResponses;
import io.devstate.web.RequestPaths;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One large import at a time per replica. An import holds its body and the history text it
 * carries in memory (a 40 MB one peaked at 424 MiB RSS, ImportMemoryIT), so two of 64 MiB at once
 * would need more than the Deployment's memory limit (512 Mi). A second large import is refused before its body is
 * read: 503 with Retry-After. Imports no larger than an ordinary body (DEVSTATE_MAX_BODY_BYTES)
 * are never held back.
 */
@ApplicationScoped
public class LargeImports {

    private static final long RETRY_AFTER_SECONDS = 5;

    private final long maxBodyBytes;
    private final AtomicInteger running = new AtomicInteger();

    public LargeImports(DevStateConfig config) {
        this.maxBodyBytes = config.http().maxBodyBytes();
    }

    static final class Busy extends RetryLater {
        Busy() {
            super(ProblemType.IMPORT_IN_PROGRESS,
                    "another large import is running on this replica; send this one again later", RETRY_AFTER_SECONDS);
        }
    }

    void register(@Observes Router router) {
        // After the body size limit (BodyLimitFilter, -100): a body over the limit is a 413 whatever runs.
        router.post().order(-90).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        if (!RequestPaths.isImport(context) || !large(context.request())) {
            context.next();
            return;
        }
        if (!running.compareAndSet(0, 1)) {
            EdgeResponses.refuse(context, new Busy());
            return;
        }
        context.addEndHandler(done -> running.set(0));
        context.next();
    }

    /** Declared larger than an ordinary body, or sent without a declared length. */
    private boolean large(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return true;
        }
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
