package io.devstate.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One subscriber's events, emitted only as its connection asks for them (RESTEasy asks for the
 * next event once it has written the last): a stalled subscriber holds nothing but its position.
 * The feed says when there may be more ({@link #signal()}); the stream then takes what follows
 * from its {@code next} supplier, a page at a time. Nothing is subscribed or scheduled per event
 * or per wait — with a thousand subscribers, per-event stream operators cost more than the writes.
 */
final class SubscriberStream {

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
    private volatile MultiEmitter<? super FeedEvent> emitter;
    private volatile Throwable failedEarly;

    SubscriberStream(Supplier<List<FeedEvent>> next) {
        this.next = next;
    }

    /**
     * The subscriber's events. ERROR, not BUFFER: the stream never emits more than was asked for,
     * and if it ever did, failing is better than a queue that grows.
     */
    Multi<FeedEvent> events() {
        return Multi.createFrom().<FeedEvent>emitter(this::attached, BackPressureStrategy.ERROR);
    }

    private void attached(MultiEmitter<? super FeedEvent> subscriber) {
        emitter = subscriber;
        subscriber.onRequest(requested -> signal());
        Throwable failure = failedEarly;
        if (failure != null) {
            subscriber.fail(failure);
            return;
        }
        signal(); // it has asked already (before this callback), and the feed may have moved meanwhile
    }

    /** There may be more for this subscriber, or it asked for more: emit what it asked for and is ready. */
    void signal() {
        if (signals.getAndIncrement() != 0) {
            return; // the thread emitting now sees this signal when it is done
        }
        int missed = 1;
        do {
            MultiEmitter<? super FeedEvent> subscriber = emitter;
            if (subscriber != null) {
                emitAsked(subscriber);
            }
            missed = signals.addAndGet(-missed);
        } while (missed != 0);
    }

    private void emitAsked(MultiEmitter<? super FeedEvent> subscriber) {
        while (subscriber.requested() > 0 && !subscriber.isCancelled()) {
            FeedEvent event = notices.poll();
            if (event != null) {
                noticesKept.decrementAndGet();
            } else if ((event = ready.poll()) == null) {
                List<FeedEvent> more = next.get();
                if (more.isEmpty()) {
                    return;
                }
                ready.addAll(more);
                continue;
            }
            subscriber.emit(event);
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

    /** Ends the stream with {@code failure} (a {@link SlowSubscriber}, a failed read). */
    void fail(Throwable failure) {
        MultiEmitter<? super FeedEvent> subscriber = emitter;
        if (subscriber == null) {
            failedEarly = failure;
            if (emitter == null) {
                return;
            }
            subscriber = emitter; // attached meanwhile: it may not have seen failedEarly
        }
        subscriber.fail(failure);
    }
}
