package io.devstate.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One subscriber's events, emitted only as its connection asks for them (RESTEasy asks for the
 * next event once it has written the last): a stalled subscriber holds nothing but its position.
 * The feed says when there may be more ({@link #signal()}); the stream then takes what follows
 * from its {@code next} supplier, a page at a time, and hands each event to the subscriber as its
 * {@link Renderer} makes it, with heartbeats when it is quiet. Nothing is subscribed or scheduled
 * per event or per wait, and no stream operator runs per event — with a thousand subscribers, the
 * per-event work of operators costs more than the writes.
 */
final class SubscriberStream {

    /** What a subscriber receives: its adapter's form of the events (Server-Sent Events, say). */
    interface Renderer<T> {
        T event(FeedEvent event);

        /** Sent as the stream starts and then every {@link #heartbeatEvery()}, unless events went out just then. */
        T heartbeat();

        Duration heartbeatEvery();

        /** The last it receives when it is disconnected for falling behind; then the stream completes. */
        List<T> farewell(SlowSubscriber reason);
    }

    /** Live notices (lock events) kept for a subscriber that has not asked yet; later ones are dropped. */
    private static final int NOTICES = 16;

    /** The events that follow the subscriber's position, or none for now (a later signal asks again). */
    private final Supplier<List<FeedEvent>> next;
    /** Signals not yet handled: one thread at a time emits, the others leave their signal to it. */
    private final AtomicInteger signals = new AtomicInteger();
    /** Taken from {@link #next} and not yet asked for; touched only by the emitting thread. */
    private final ArrayDeque<FeedEvent> ready = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<FeedEvent> notices = new ConcurrentLinkedQueue<>();
    private final AtomicInteger noticesKept = new AtomicInteger();
    private volatile Attached<?> attached;
    /** Set once: the subscriber fell behind (a farewell, then the end) or a read failed (the end). */
    private final AtomicReference<Throwable> ended = new AtomicReference<>();
    private volatile boolean heartbeatDue;

    /** The subscriber once it has subscribed, with what it needs per event. */
    private static final class Attached<T> {
        final MultiEmitter<? super T> emitter;
        final Renderer<T> renderer;
        /** What is left of its farewell; null until made. Touched only by the emitting thread. */
        ArrayDeque<T> farewell;

        Attached(MultiEmitter<? super T> emitter, Renderer<T> renderer) {
            this.emitter = emitter;
            this.renderer = renderer;
        }
    }

    SubscriberStream(Supplier<List<FeedEvent>> next) {
        this.next = next;
    }

    /**
     * The subscriber's events as {@code renderer} makes them; {@code onEnd} runs once it has gone
     * (cancelled, completed or failed). ERROR, not BUFFER: the stream never emits more than was
     * asked for, and if it ever did, failing is better than a queue that grows.
     */
    <T> Multi<T> events(Renderer<T> renderer, Runnable onEnd) {
        return Multi.createFrom().<T>emitter(emitter -> attach(emitter, renderer, onEnd), BackPressureStrategy.ERROR);
    }

    private <T> void attach(MultiEmitter<? super T> emitter, Renderer<T> renderer, Runnable onEnd) {
        Duration every = renderer.heartbeatEvery();
        Cancellable heartbeats = Multi.createFrom().ticks().startingAfter(every).every(every)
                .subscribe().with(tick -> {
                    heartbeatDue = true;
                    signal();
                });
        emitter.onTermination(() -> {
            heartbeats.cancel();
            onEnd.run();
        });
        emitter.onRequest(requested -> signal());
        attached = new Attached<>(emitter, renderer);
        heartbeatDue = true; // the first at once: the subscriber sees bytes before the first change
        signal(); // it has asked already (before this callback), and the feed may have moved meanwhile
    }

    /** There may be more for this subscriber, or it asked for more: emit what it asked for and is ready. */
    void signal() {
        if (signals.getAndIncrement() != 0) {
            return; // the thread emitting now sees this signal when it is done
        }
        int missed = 1;
        do {
            Attached<?> subscriber = attached;
            if (subscriber != null) {
                try {
                    emitAsked(subscriber);
                } catch (RuntimeException broken) { // this subscriber's end, not the signalling feed's
                    ended.compareAndSet(null, broken);
                    subscriber.emitter.fail(broken);
                }
            }
            missed = signals.addAndGet(-missed);
        } while (missed != 0);
    }

    private <T> void emitAsked(Attached<T> subscriber) {
        MultiEmitter<? super T> emitter = subscriber.emitter;
        Throwable reason = ended.get();
        if (reason != null && !emitter.isCancelled()) {
            endWith(subscriber, reason);
            return;
        }
        boolean emitted = false;
        while (emitter.requested() > 0 && !emitter.isCancelled()) {
            FeedEvent event = notices.poll();
            if (event != null) {
                noticesKept.decrementAndGet();
            } else if ((event = ready.poll()) == null) {
                List<FeedEvent> more = next.get();
                if (more.isEmpty()) {
                    break;
                }
                ready.addAll(more);
                continue;
            }
            emitter.emit(subscriber.renderer.event(event));
            emitted = true;
        }
        if (heartbeatDue) {
            heartbeatDue = false;
            if (!emitted && emitter.requested() > 0 && !emitter.isCancelled()) {
                emitter.emit(subscriber.renderer.heartbeat());
            }
        }
    }

    /** A subscriber that fell behind gets its farewell as it asks for it, then the end; a failed read just the end. */
    private <T> void endWith(Attached<T> subscriber, Throwable reason) {
        MultiEmitter<? super T> emitter = subscriber.emitter;
        if (!(reason instanceof SlowSubscriber slow)) {
            emitter.fail(reason);
            return;
        }
        if (subscriber.farewell == null) {
            subscriber.farewell = new ArrayDeque<>(subscriber.renderer.farewell(slow));
        }
        ArrayDeque<T> farewell = subscriber.farewell;
        while (!farewell.isEmpty() && emitter.requested() > 0) {
            emitter.emit(farewell.poll());
        }
        if (farewell.isEmpty()) {
            emitter.complete();
        }
    }

    /** A live notice: emitted when the subscriber next asks, dropped if it has too many waiting (it is stalled). */
    void notice(FeedEvent event) {
        if (noticesKept.incrementAndGet() > NOTICES) {
            noticesKept.decrementAndGet();
            return;
        }
        notices.add(event);
        signal();
    }

    /**
     * Ends the stream: after a farewell for a {@link SlowSubscriber}, at once for anything else (a
     * failed read). The first reason counts.
     */
    void fail(Throwable reason) {
        ended.compareAndSet(null, reason);
        signal();
    }
}
