package io.devstate.database;

import io.devstate.config.DevStateConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the reactive pool Quarkus configured, with the limits its configuration does not have:
 * how long a request waits for a connection (the pool's default is 30 s), how long opening one may
 * take, and the server's {@code statement_timeout}, so a live but slow server stops a statement
 * (lock waits included) where the request's deadline ends anyway.
 */
@Singleton
public class PoolTimeouts implements PgPoolCreator {

    private final DevStateConfig.Database limits;

    public PoolTimeouts(DevStateConfig config) {
        this.limits = config.database();
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions()
                .setConnectionTimeout(Math.toIntExact(limits.acquireTimeout().toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<SqlConnectOptions> servers = new ArrayList<>();
        input.pgConnectOptionsList().forEach(server -> servers.add(limit(server)));
        return PgBuilder.pool()
                .with(pool)
                .connectingTo(servers)
                .using(input.vertx())
                .build();
    }

    /** Also used for the notification connection, which is opened outside the pool. */
    public PgConnectOptions limit(PgConnectOptions options) {
        return options
                .setConnectTimeout(Math.toIntExact(limits.acquireTimeout().toMillis()))
                .addProperty("statement_timeout", Long.toString(limits.requestTimeout().toMillis()));
    }
}
