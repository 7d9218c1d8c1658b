package io.devstate.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.devstate.config.DevStateConfig;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Authorization: Bearer <token>}. Without configured tokens the service is open: every
 * caller is {@code anonymous} with every role. With tokens, a caller without a token is
 * {@code anonymous} with the viewer role unless reads are protected; a wrong token is always 401.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    public static final String ANONYMOUS = "anonymous";
    private static final String PREFIX = "bearer ";

    private final TokenRegistry tokens;
    private final boolean protectReads;

    public BearerTokenMechanism(TokenRegistry tokens, DevStateConfig config) {
        this.tokens = tokens;
        this.protectReads = config.security().protectReads();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!tokens.enabled()) {
            return Uni.createFrom().item(anonymous(Roles.all()));
        }
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            String token = tokenOf(header);
            return identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
        }
        return protectReads
                ? Uni.createFrom().nullItem()
                : Uni.createFrom().item(anonymous(Roles.implied(Roles.VIEWER)));
    }

    /** The token of an {@code Authorization} header value; empty (matching no token) unless it is a bearer token. */
    public static String tokenOf(String authorization) {
        return authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? authorization.substring(PREFIX.length()).strip()
                : "";
    }

    private static SecurityIdentity anonymous(Set<String> roles) {
        // Anonymous, so that a role it lacks is a 401 (authenticate) rather than a 403.
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(ANONYMOUS))
                .setAnonymous(true)
                .addRoles(roles)
                .build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
