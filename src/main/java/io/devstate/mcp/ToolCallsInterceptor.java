package io.devstate.mcp;

import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.devstate.common.DevStateException;
import io.devstate.common.Forbidden;
import io.devstate.common.Unauthenticated;
import io.devstate.metrics.DevStateMetrics;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;

/**
 * Runs around the role checks of the tools ({@code @RolesAllowed}, priority 150): turns their
 * failures into tool errors with the HTTP problem document (401 / 403, the same words) instead of
 * the MCP extension's JSON-RPC error that carries the exception's class name, and counts every
 * call in {@code devstate_request_total{transport="mcp", route="tools/call <tool>"}} with the
 * status of its problem (200 for a result).
 */
@ToolCalls
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ToolCallsInterceptor {

    private static final int UNHANDLED = 500;

    private final DevStateMetrics metrics;

    public ToolCallsInterceptor(DevStateMetrics metrics) {
        this.metrics = metrics;
    }

    @AroundInvoke
    Object countAndAnswerRoleFailures(InvocationContext invocation) throws Exception {
        String route = "tools/call " + invocation.getMethod().getAnnotation(Tool.class).name();
        Uni<?> call;
        try {
            call = invocation.proceed() instanceof Uni<?> uni ? uni : null;
        } catch (AuthenticationFailedException | UnauthorizedException | ForbiddenException e) {
            call = Uni.createFrom().failure(e);
        }
        if (call == null) {
            throw new IllegalStateException(route + " does not answer with a Uni");
        }
        return call.<Object>map(item -> item)
                .onFailure(ToolCallsInterceptor::isRoleFailure)
                .recoverWithItem(failure -> DevStateTools.problem(asProblem(failure)))
                .invoke(response -> metrics.requestCompleted("mcp", route, statusOf(response)))
                .onFailure().invoke(failure -> metrics.requestCompleted("mcp", route, UNHANDLED));
    }

    private static int statusOf(Object response) {
        if (response instanceof ToolResponse tool && tool.isError()
                && tool.structuredContent() instanceof Map<?, ?> problem
                && problem.get("status") instanceof Integer status) {
            return status;
        }
        return 200;
    }

    private static boolean isRoleFailure(Throwable failure) {
        return failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException;
    }

    private static DevStateException asProblem(Throwable failure) {
        return failure instanceof ForbiddenException ? new Forbidden() : new Unauthenticated();
    }
}
