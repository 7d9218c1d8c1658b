package io.devstate.mcp;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.devstate.common.DevStateException;
import io.devstate.common.Forbidden;
import io.devstate.common.Unauthenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;

/**
 * Runs around the role checks of the tools ({@code @RolesAllowed}, priority 150) and turns their
 * failures into tool errors with the HTTP problem document (401 / 403, the same words), instead
 * of the MCP extension's JSON-RPC error that carries the exception's class name.
 */
@ToolFailures
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ToolFailuresInterceptor {

    @AroundInvoke
    Object answerRoleFailures(InvocationContext invocation) throws Exception {
        try {
            Object result = invocation.proceed();
            return result instanceof Uni<?> uni
                    ? uni.<Object>map(item -> item)
                            .onFailure(ToolFailuresInterceptor::isRoleFailure)
                            .recoverWithItem(failure -> DevStateTools.problem(asProblem(failure)))
                    : result;
        } catch (AuthenticationFailedException | UnauthorizedException | ForbiddenException e) {
            return Uni.createFrom().item(DevStateTools.problem(asProblem(e)));
        }
    }

    private static boolean isRoleFailure(Throwable failure) {
        return failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException;
    }

    private static DevStateException asProblem(Throwable failure) {
        return failure instanceof ForbiddenException ? new Forbidden() : new Unauthenticated();
    }
}
