package io.devstate.testsupport;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A test profile that sets {@code test.http.send-buffer-bytes} gets server sockets with that send
 * buffer, so a client that stops reading fills it after a few kilobytes (the kernel otherwise
 * grows a loopback socket's buffer to megabytes and hides a stalled reader from the service).
 */
@ApplicationScoped
public class SmallSendBuffer implements HttpServerOptionsCustomizer {

    public static final String PROPERTY = "test.http.send-buffer-bytes";

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        ConfigProvider.getConfig().getOptionalValue(PROPERTY, Integer.class).ifPresent(options::setSendBufferSize);
    }
}
