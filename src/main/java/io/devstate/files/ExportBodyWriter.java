package io.devstate.files;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.smallrye.mutiny.Multi;

/**
 * Writes an {@link ExportStream} as the {@code ExportFiles} body ({@code {"project":..,"files":{..}}})
 * piece by piece: the next page is read from the database only when the previous piece has been
 * handed to the connection, so a slow client holds back the reads instead of filling the heap.
 * Escaping is Jackson's own, so the bytes equal what serialising the whole record would give.
 *
 * <p>
 * Modelled on RESTEasy Reactive's own writer for {@code AsyncFile}: suspend the request, write
 * asynchronously, end and resume. A failure after the first byte cannot become a problem response
 * any more; the connection is reset so the client sees an incomplete body, never a short one that
 * looks whole.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class ExportBodyWriter implements ServerMessageBodyWriter<ExportStream> {

    private static final Logger LOG = Logger.getLogger(ExportBodyWriter.class);
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
            MediaType mediaType) {
        return ExportStream.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ExportStream.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(ExportStream export, Type genericType, ServerRequestContext context) {
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context;
        request.suspend();
        ServerHttpResponse response = context.serverResponse();
        response.setChunked(true);
        body(export).subscribe(new PieceWriter(export.project(), request, response));
    }

    @Override
    public void writeTo(ExportStream export, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("an export is only written by writeResponse");
    }

    /** The envelope around the history text, which is escaped piece by piece as a JSON string. */
    static Multi<String> body(ExportStream export) {
        StringBuilder opening = new StringBuilder("{\"project\":").append(quoted(export.project()))
                .append(",\"files\":{");
        export.stateText().ifPresent(state -> opening.append(quoted(FilesResult.STATE_FILE)).append(':')
                .append(quoted(state)).append(','));
        opening.append(quoted(FilesResult.HISTORY_FILE)).append(":\"");
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(opening.toString()),
                export.historyText().map(piece -> new String(ESCAPER.quoteAsString(piece))),
                Multi.createFrom().item(closing(export)));
    }

    private static String closing(ExportStream export) {
        return export.checkpointText()
                .map(note -> "\"," + quoted(FilesResult.CHECKPOINT_FILE) + ":" + quoted(note) + "}}")
                .orElse("\"}}");
    }

    private static String quoted(String text) {
        return '"' + new String(ESCAPER.quoteAsString(text)) + '"';
    }

    /** Requests one piece at a time and the next only once the previous one is written. */
    private static final class PieceWriter implements Flow.Subscriber<String> {
        private final String project;
        private final ResteasyReactiveRequestContext request;
        private final ServerHttpResponse response;
        private Flow.Subscription subscription;

        PieceWriter(String project, ResteasyReactiveRequestContext request, ServerHttpResponse response) {
            this.project = project;
            this.request = request;
            this.response = response;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(String piece) {
            if (piece.isEmpty()) {
                subscription.request(1);
                return;
            }
            response.write(piece.getBytes(StandardCharsets.UTF_8)).whenComplete((written, failure) -> {
                if (failure == null) {
                    subscription.request(1);
                } else {
                    // The client went away (a normal event, not an incident): stop reading pages.
                    subscription.cancel();
                    LOG.debugf("export of '%s' stopped: the client closed the connection (%s)", project, failure);
                    request.resume();
                }
            });
        }

        @Override
        public void onError(Throwable failure) {
            LOG.errorf(failure, "export of '%s' failed after the response had started; connection reset",
                    project);
            response.reset();
            request.resume();
        }

        @Override
        public void onComplete() {
            response.end();
            request.resume();
        }
    }
}
