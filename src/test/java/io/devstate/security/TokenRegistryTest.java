package io.devstate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TokenRegistryTest {

    @Test
    void tokensAreKeptAsHashesAndFoundByHash() {
        TokenRegistry registry = new TokenRegistry(TokenRegistry.load(Optional.of("root-token"), Optional.empty()));

        assertThat(registry.find("root-token")).get().extracting(TokenRegistry.Token::name).isEqualTo("admin");
        assertThat(registry.find("root-tokem")).isEmpty();
        assertThat(registry.find("")).isEmpty();
    }

    @Test
    void tokensFileLinesAreValidated() {
        String hash = TokensProfile.sha256("t");
        assertThat(TokenRegistry.parse(List.of("ci writer " + hash, "# comment", ""))).hasSize(1);
        assertThatThrownBy(() -> TokenRegistry.parse(List.of("ci superuser " + hash))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> TokenRegistry.parse(List.of("ci writer not-a-hash"))).hasMessageContaining("line 1");
    }

    @Test
    void rolesIncludeTheOnesBelow() {
        assertThat(Roles.implied(Roles.ADMIN)).containsExactlyInAnyOrder("viewer", "writer", "admin");
        assertThat(Roles.implied(Roles.VIEWER)).containsExactly("viewer");
    }
}
