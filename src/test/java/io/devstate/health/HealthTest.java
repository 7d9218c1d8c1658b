package io.devstate.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.LocalPostgres;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class HealthTest {

    @Test
    void readinessFollowsTheDatabaseAndRecoversByItself() throws InterruptedException {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        LocalPostgres.shared().stop();
        try {
            given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().when().get("/q/health/live").then().statusCode(200);
            given().when().get("/health").then().statusCode(200);
        } finally {
            LocalPostgres.shared().start();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = given().when().get("/q/health/ready").then().extract().statusCode();
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo(200);
        given().when().get("/v1/devstate/verify").then().statusCode(200);
    }

    @Test
    void expectedSchemaVersionIsTheNewestMigration() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("sql"))) {
            int newest = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow();
            assertThat(SchemaReadiness.EXPECTED_SCHEMA_VERSION).isEqualTo(newest);
        }
    }
}
