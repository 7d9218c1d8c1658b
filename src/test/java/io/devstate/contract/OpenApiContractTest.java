package io.devstate.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import io.devstate.security.RateLimit;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The running service serves the contract file, and the file and the resources name the same routes. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class OpenApiContractTest {

    @Test
    void servesTheContractFileAsWritten() throws IOException {
        String contract = Files.readString(Path.of("openapi", "devstate.yaml"));
        String title = contract.lines().filter(line -> line.trim().startsWith("title:")).findFirst().orElseThrow().trim();

        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString(title))
                .body(containsString("operationId: appendHistory"))
                .body(containsString("operationId: importFiles"));
    }

    @Test
    void everyRouteIsInTheContractAndEveryContractRouteExists() throws Exception {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().path("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(Set.of("get", "post", "put", "delete", "patch")::contains)
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        assertThat(implementedRoutes()).isEqualTo(documented);
    }

    /**
     * Limits belong to resource methods (name bindings), so no spelling of a path escapes them:
     * every write draws from the mutating budget, verify from its own, other reads from none.
     */
    @Test
    void everyWriteAndVerifyIsBoundToItsRateLimit() throws Exception {
        Map<String, Method> routes = implementedMethods();
        assertThat(routes).isNotEmpty();
        routes.forEach((route, method) -> {
            boolean write = !route.startsWith("GET ");
            boolean verify = route.equals("GET /v1/devstate/verify");
            assertThat(method.isAnnotationPresent(RateLimit.Mutating.class)).as(route + " draws from mutating").isEqualTo(write);
            assertThat(method.isAnnotationPresent(RateLimit.Verify.class)).as(route + " draws from verify").isEqualTo(verify);
        });
    }

    private static Set<String> implementedRoutes() throws IOException, ClassNotFoundException {
        return new TreeSet<>(implementedMethods().keySet());
    }

    private static Map<String, Method> implementedMethods() throws IOException, ClassNotFoundException {
        Map<String, Method> routes = new TreeMap<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiContractTest.class.getClassLoader());
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = verb(method);
                    if (verb != null) {
                        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                        // {seq: regex} is the contract's {seq}
                        String path = (root.value() + (sub == null ? "" : sub.value()))
                                .replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                        routes.put(verb + " " + path, method);
                    }
                }
            }
        }
        return routes;
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return null;
    }
}
