package io.devstate.mcp;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Tools whose calls are counted like HTTP requests and whose role failures are answered as
 * problem documents ({@link ToolCallsInterceptor}).
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target(TYPE)
public @interface ToolCalls {
}
