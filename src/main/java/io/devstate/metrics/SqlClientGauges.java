package io.devstate.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Drops the two gauges Quarkus's Vert.x binder registers for every PostgreSQL connection
 * ({@code postgresql.queue.size}, {@code postgresql.current}): each new connection registers them
 * again under the same id, Micrometer keeps the first connection's and warns at the second, so the
 * published value described one connection of the pool. The pool's counters and timers stay.
 */
@Singleton
public class SqlClientGauges {

    @Produces
    @Singleton
    MeterFilter perConnectionGauges() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                boolean perConnection = id.getType() == Meter.Type.GAUGE
                        && (id.getName().equals("postgresql.queue.size") || id.getName().equals("postgresql.current"));
                return perConnection ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }
}
