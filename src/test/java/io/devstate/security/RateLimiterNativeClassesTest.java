package io.devstate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Caffeine loads its cache and node classes by name, picked from the builder options. The native
 * image finds them only when they are registered for reflection, and nothing on the JVM would notice
 * a changed option: this test asks Caffeine which classes it picked and holds the registration on
 * {@link RateLimiter} to exactly those.
 */
class RateLimiterNativeClassesTest {

    @Test
    void theClassesTheBucketCacheSelectsAreExactlyTheOnesRegisteredForTheNativeImage() throws Exception {
        Object manualCache = RateLimiter.newBucketCache();
        Object localCache = field(manualCache, "cache");
        Object nodeFactory = field(localCache, "nodeFactory");

        String[] registered = RateLimiter.class.getAnnotation(RegisterForReflection.class).classNames();

        assertThat(registered).containsExactlyInAnyOrder(
                localCache.getClass().getName(), nodeFactory.getClass().getName());
    }

    @Test
    void theBucketCacheIsTheOnlyCaffeineCacheOfTheService() throws IOException {
        List<Path> builders;
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            builders = sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> read(p).contains("Caffeine.newBuilder("))
                    .toList();
        }
        // A new cache needs its own classes registered, and a test like the one above.
        assertThat(builders).containsExactly(Path.of("src", "main", "java", "io", "devstate", "security", "RateLimiter.java"));
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
