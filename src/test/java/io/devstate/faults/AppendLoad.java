package io.devstate.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.devstate.testsupport.ServiceProcess;

/**
 * Clients appending to one project through several replicas until stopped, each waiting for its
 * answer before the next append: every answer is kept, so a test can check that each 201 is in
 * the chain and that everything else was a 503.
 */
final class AppendLoad implements AutoCloseable {

    /** One append and its answer; {@code n} is the request's own number, in its metadata. */
    record Sent(int n, Http.Answer answer) {
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> clients = new ArrayList<>();

    AppendLoad(String project, int clientsPerReplica, ServiceProcess... replicas) {
        for (ServiceProcess replica : replicas) {
            for (int c = 0; c < clientsPerReplica; c++) {
                Thread client = new Thread(() -> run(project, replica), "append-load-" + replica.port() + "-" + c);
                client.setDaemon(true);
                clients.add(client);
                client.start();
            }
        }
    }

    private void run(String project, ServiceProcess replica) {
        while (running.get()) {
            int n = next.incrementAndGet();
            Http.Answer answer = Http.post(replica, "/v1/devstate/history?project=" + project,
                    "{\"actor\":\"load\",\"action\":\"note\",\"metadata\":{\"n\":" + n + "}}");
            sent.add(new Sent(n, answer));
            if (answer.status() != 201) {
                try {
                    Thread.sleep(50); // as a client would back off; keeps the log of an outage short
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Stops the clients and returns every append they sent, with its answer. */
    List<Sent> stop() throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join(Http.CLIENT_TIMEOUT.toMillis() + 5_000);
        }
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** Stops the clients if a test failed before {@link #stop()}; keeps an interrupt. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
